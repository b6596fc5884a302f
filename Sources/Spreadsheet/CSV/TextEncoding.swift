/// The text encodings a CSV file may come in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

/// Incremental conversion of UTF-16 or Windows-1252 bytes to UTF-8.
struct Transcoder {
    let encoding: TextEncoding
    private var leftover: [UInt8] = []
    private var pendingHighSurrogate: UInt32?

    init(_ encoding: TextEncoding) { self.encoding = encoding }

    /// The bytes of the 32 characters 0x80–0x9F in Windows-1252 (0 where undefined there).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]

    /// Converts `input` and appends UTF-8 to `out`. Returns false on invalid UTF-16.
    mutating func convert(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        switch encoding {
        case .utf8:
            out.append(contentsOf: input)
            return true
        case .windows1252:
            out.reserveCapacity(out.count + input.count + input.count / 8)
            for b in input {
                if b < 0x80 {
                    out.append(b)
                } else if b < 0xA0 {
                    appendScalar(Self.cp1252High[Int(b - 0x80)], to: &out)
                } else {
                    appendScalar(UInt32(b), to: &out)
                }
            }
            return true
        case .utf16LE, .utf16BE:
            var bytes = leftover
            bytes.append(contentsOf: input)
            let even = bytes.count & ~1
            leftover = Array(bytes[even...])
            var i = 0
            while i < even {
                let unit =
                    encoding == .utf16LE
                    ? UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 : UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
                i += 2
                if let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    guard unit >= 0xDC00 && unit <= 0xDFFF else { return false }
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                } else if unit >= 0xD800 && unit <= 0xDBFF {
                    pendingHighSurrogate = unit
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    return false
                } else {
                    appendScalar(unit, to: &out)
                }
            }
            return true
        }
    }

    /// Whether the stream ended cleanly (no half character).
    var isComplete: Bool { leftover.isEmpty && pendingHighSurrogate == nil }
}

@inline(__always)
func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80:
        out.append(UInt8(v))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | v >> 6))
        out.append(UInt8(0x80 | v & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | v >> 12))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
    default:
        out.append(UInt8(0xF0 | v >> 18))
        out.append(UInt8(0x80 | v >> 12 & 0x3F))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
    }
}

/// Streaming UTF-8 validation (sequences may span chunks).
struct UTF8Validator {
    private var need = 0
    private var min: UInt32 = 0
    private var acc: UInt32 = 0

    /// False once an invalid sequence is seen.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if need == 0 {
                // Fast path over ASCII, sixteen and then eight bytes at a time.
                if b < 0x80 {
                    i += 1
                    while i + 16 <= n {
                        let word =
                            UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                            | UnsafeRawPointer(base + i + 8).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 != 0 { break }
                        i += 16
                    }
                    while i + 8 <= n {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 != 0 { break }
                        i += 8
                    }
                    continue
                }
                switch b {
                case 0xC2...0xDF:
                    need = 1
                    acc = UInt32(b & 0x1F)
                    min = 0x80
                case 0xE0...0xEF:
                    need = 2
                    acc = UInt32(b & 0x0F)
                    min = 0x800
                case 0xF0...0xF4:
                    need = 3
                    acc = UInt32(b & 0x07)
                    min = 0x10000
                default: return false
                }
            } else {
                guard b & 0xC0 == 0x80 else { return false }
                acc = acc << 6 | UInt32(b & 0x3F)
                need -= 1
                if need == 0 {
                    if acc < min || acc > 0x10FFFF || (acc >= 0xD800 && acc <= 0xDFFF) { return false }
                }
            }
            i += 1
        }
        return true
    }

    var isComplete: Bool { need == 0 }
}
