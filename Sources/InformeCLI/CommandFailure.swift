import Servicios

#if canImport(Glibc)
    import Glibc
#endif

/// A failure with a Spanish message for standard error and an exit code (1: the data; 2: usage; 70: the installation).
struct CommandFailure: Error {
    var message: String
    var code: Int32

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    /// A use-case's typed error: usage errors exit with 2, failures of the data or the system with 1.
    init(_ error: ErrorServicio) {
        self.init(message: error.mensaje, code: error.esDeUso ? 2 : error.esDeInstalacion ? 70 : 1)
    }
}

/// Writes a line to standard error.
func writeError(_ text: String, nuevaLinea: Bool = true) {
    var line = text
    if nuevaLinea && !line.hasSuffix("\n") { line += "\n" }
    let bytes = Array(line.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return Glibc.write(2, base + offset, bytes.count - offset)
        }
        if n <= 0 { break }
        offset += n
    }
}
