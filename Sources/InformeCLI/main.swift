import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// Ends the process; with INFORME_MEMORIA_PICO set, first reports the peak RSS (VmHWM) on stderr,
/// which tests and benchmarks read (a parent's rusage can include its own memory after vfork).
func finish(_ code: Int32) -> Never {
    if getenv("INFORME_MEMORIA_PICO") != nil, let file = fopen("/proc/self/status", "r") {
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") { writeError("memoria-pico-kb: " + text.dropFirst(6).filter(\.isNumber)) }
        }
        fclose(file)
    }
    exit(code)
}

// Usage errors exit with 2 (ArgumentParser's default is 64); help and version exit 0.
UbicacionInstrumento.adelantar(Array(CommandLine.arguments.dropFirst()))
do {
    var command = try Informe.parseAsRoot()
    if let servir = command as? Servir {
        try await servir.servir()
    } else {
        try command.run()
    }
    finish(0)
} catch let exit as ExitCode {
    finish(exit.rawValue)
} catch let failure as CommandFailure {
    if !failure.message.isEmpty { writeError(failure.message) }
    finish(failure.code)
} catch {
    // A mistyped command or option gets a Spanish error with a suggestion. Checked only once parsing
    // has failed (or help was asked for): building a command's help to list its options costs
    // milliseconds that every correct invocation would otherwise pay at startup.
    if let texto = Espanol.revisar(Array(CommandLine.arguments.dropFirst())) {
        writeError(texto)
        finish(2)
    }
    let code = Informe.exitCode(for: error)
    if code == .success {
        print(Espanol.traducir(Informe.fullMessage(for: error)))
        finish(0)
    }
    writeError(Espanol.traducir(Informe.fullMessage(for: error)))
    finish(2)
}
