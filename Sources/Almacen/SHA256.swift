/// SHA-256 (FIPS 180-4) of a byte stream, to fingerprint each file received.
///
/// ```swift
/// var h = SHA256()
/// h.actualizar(Array("abc".utf8))
/// h.resumenHex  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    private var estado: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var bloque: [UInt8] = []
    private var longitud: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public init() { bloque.reserveCapacity(64) }

    public mutating func actualizar(_ datos: [UInt8]) {
        longitud &+= UInt64(datos.count)
        var i = 0
        if !bloque.isEmpty {
            let falta = 64 - bloque.count
            let n = min(falta, datos.count)
            bloque += datos[0..<n]
            i = n
            if bloque.count == 64 {
                procesar(bloque[...])
                bloque.removeAll(keepingCapacity: true)
            }
        }
        while i + 64 <= datos.count {
            procesar(datos[i..<i + 64])
            i += 64
        }
        if i < datos.count { bloque += datos[i...] }
    }

    private mutating func procesar(_ b: ArraySlice<UInt8>) {
        var w = [UInt32](repeating: 0, count: 64)
        let base = b.startIndex
        for t in 0..<16 {
            w[t] =
                UInt32(b[base + 4 * t]) << 24 | UInt32(b[base + 4 * t + 1]) << 16 | UInt32(b[base + 4 * t + 2]) << 8
                | UInt32(b[base + 4 * t + 3])
        }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, bb, c, d, e, f, g, h) = (
            estado[0], estado[1], estado[2], estado[3], estado[4], estado[5], estado[6], estado[7]
        )
        for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ ch &+ Self.k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & bb) ^ (a & c) ^ (bb & c)
            let t2 = s0 &+ maj
            (h, g, f, e, d, c, bb, a) = (g, f, e, d &+ t1, c, bb, a, t1 &+ t2)
        }
        estado[0] &+= a
        estado[1] &+= bb
        estado[2] &+= c
        estado[3] &+= d
        estado[4] &+= e
        estado[5] &+= f
        estado[6] &+= g
        estado[7] &+= h
    }

    /// The digest as 64 lowercase hex digits (finishes the hash).
    public var resumenHex: String {
        var copia = self
        let bits = longitud &* 8
        var relleno: [UInt8] = [0x80]
        let resto = (copia.bloque.count + 1) % 64
        relleno += [UInt8](repeating: 0, count: resto <= 56 ? 56 - resto : 120 - resto)
        for k in (0..<8).reversed() { relleno.append(UInt8(truncatingIfNeeded: bits >> (UInt64(k) * 8))) }
        copia.longitud = longitud
        let l = copia.longitud
        copia.actualizar(relleno)
        copia.longitud = l
        return copia.estado.map { v in
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 8 - s.count) + s
        }.joined()
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
