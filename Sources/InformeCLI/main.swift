import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

// Usage errors exit with 2 (ArgumentParser's default is 64); help and version exit 0.
do {
    var command = try Informe.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Glibc.exit(exit.rawValue)
} catch let failure as CommandFailure {
    writeError(failure.message)
    Glibc.exit(failure.code)
} catch {
    let code = Informe.exitCode(for: error)
    if code == .success {
        print(Informe.fullMessage(for: error))
        Glibc.exit(0)
    }
    writeError(Informe.fullMessage(for: error))
    Glibc.exit(2)
}
