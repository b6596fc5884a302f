#if canImport(Glibc)
    import Glibc
#endif

/// A failure with a Spanish message for standard error and an exit code (1: the data; 2: usage).
struct CommandFailure: Error {
    var message: String
    var code: Int32
}

/// Writes a line to standard error.
func writeError(_ text: String, nuevaLinea: Bool = true) {
    var line = text
    if nuevaLinea && !line.hasSuffix("\n") { line += "\n" }
    let bytes = Array(line.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + offset, bytes.count - offset) }
        if n <= 0 { break }
        offset += n
    }
}
