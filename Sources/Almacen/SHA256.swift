import Crypto

/// SHA-256 (FIPS 180-4) of a byte stream, to fingerprint each file received.
///
/// ```swift
/// var h = SHA256()
/// h.actualizar(Array("abc".utf8))
/// h.resumenHex  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    /// swift-crypto's (BoringSSL) hash, which uses the processor's SHA instructions where there are.
    private var hash = Crypto.SHA256()

    public init() {}

    public mutating func actualizar(_ datos: [UInt8]) { hash.update(data: datos) }

    /// The digest as 64 lowercase hex digits (the hash itself can go on being updated).
    public var resumenHex: String {
        let digitos = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in hash.finalize() {
            out.append(digitos[Int(byte >> 4)])
            out.append(digitos[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// SHA-256 of a file, read in blocks.
    /// Only regular files: a FIFO or a device named like an envío would block or never end.
    public static func deArchivo(_ ruta: String) -> String? {
        let fd = open(ruta, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var h = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            h.actualizar(Array(buffer[0..<n]))
        }
        return h.resumenHex
    }
}

#if canImport(Glibc)
    import Glibc
#endif
