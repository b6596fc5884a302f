import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The repository root (two levels above this file's folder).
public let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The result of running the `informe` executable.
public struct RunResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Peak resident memory of the child, in MiB.
    public var peakMiB: Double
}

/// The `informe` executable built beside the test bundle.
public var informeExecutable: String {
    if let env = ProcessInfo.processInfo.environment["INFORME_BIN"] { return env }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "informe")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
    return projectRoot.appendingPathComponent(".build/debug/informe").path
}

/// Runs `informe` with `arguments`; the child reports its own peak RSS (INFORME_MEMORIA_PICO).
public func runInforme(_ arguments: [String], entorno extra: [String: String] = [:]) throws -> RunResult {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("informe-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("stdout").path
    let err = dir.appendingPathComponent("stderr").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([informeExecutable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    var environment = ProcessInfo.processInfo.environment
    environment["INFORME_MEMORIA_PICO"] = "1"
    for (k, v) in extra { environment[k] = v }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in envp { free(pointer) } }
    let spawned = posix_spawn(&pid, informeExecutable, &actions, nil, argv, envp)
    guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitCode: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    var stderrText = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
    // The child reports its own VmHWM on its last stderr line.
    var peak = Double.infinity
    if let range = stderrText.range(of: "memoria-pico-kb: ", options: .backwards) {
        let digits = stderrText[range.upperBound...].prefix { $0.isNumber }
        peak = (Double(digits) ?? .infinity) / 1024
        stderrText = String(stderrText[..<range.lowerBound])
    }
    return RunResult(
        status: exitCode,
        stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
        stderr: stderrText,
        peakMiB: peak)
}

/// Starts `informe` without waiting for it (for tests that interrupt it); returns its pid.
public func lanzarInforme(_ arguments: [String]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([informeExecutable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, informeExecutable, &actions, nil, argv, environ) == 0 else {
        throw CocoaError(.executableNotLoadable)
    }
    return pid
}
