/// Names: which bytes and characters an XML name may hold, scanning one, and copying it.
extension XMLScanner {
    @inline(__always)
    static func isNameEnd(_ c: UInt8) -> Bool {
        isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
            || c == UInt8(ascii: "?")
    }

    func decodeScalar(_ i: Int) -> (UInt32, Int) {
        let c = UInt32(buffer[i])
        switch c {
        case 0xC0..<0xE0: return (((c & 0x1F) << 6) | UInt32(buffer[i + 1] & 0x3F), 2)
        case 0xE0..<0xF0:
            return (((c & 0x0F) << 12) | (UInt32(buffer[i + 1] & 0x3F) << 6) | UInt32(buffer[i + 2] & 0x3F), 3)
        default:
            return (
                ((c & 0x07) << 18) | (UInt32(buffer[i + 1] & 0x3F) << 12) | (UInt32(buffer[i + 2] & 0x3F) << 6)
                    | UInt32(buffer[i + 3] & 0x3F), 4
            )
        }
    }

    static func isNameChar(_ v: UInt32, first: Bool) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040: return !first
        default: return false
        }
    }

    /// Moves past a name from `start` (XML 1.0 fifth edition: letters, digits, `_ : - .` and the
    /// Unicode ranges of NameStartChar and NameChar; it starts with a NameStartChar), noting its `:`
    /// (one at most, neither first nor last); returns where it ends (`limit` when cut).
    @inline(__always)
    func scanName(_ start: Int, limit: Int, colon: inout Int) throws -> Int {
        var i = start
        while i < limit {
            let c = buffer[i]
            if c < 0x80 {
                // Digits, `-` and `.` cannot start the name, nor its local part after the `:`.
                let clase = Self.nameClass(c)
                if clase == 0 || (clase == 2 && (i == start || (colon >= 0 && i == colon + 1))) {
                    if i == start && !Self.isNameEnd(c) {
                        throw fail("un nombre de elemento o atributo no es válido", at: i)
                    }
                    // A prefix and a local name, both non-empty.
                    if colon >= 0 && (colon == start || colon == i - 1) {
                        throw fail("un nombre con espacio de nombres no es válido", at: start)
                    }
                    return i
                }
                if c == UInt8(ascii: ":") {
                    if colon >= 0 { throw fail("un nombre con espacio de nombres no es válido", at: start) }
                    colon = i
                }
                i += 1
            } else {
                let (scalar, length) = decodeScalar(i)
                guard Self.isNameChar(scalar, first: i == start || (colon >= 0 && i == colon + 1)) else {
                    throw fail("un nombre de elemento o atributo no es válido", at: i)
                }
                i += length
            }
        }
        return i
    }

    /// What an ASCII byte may be in a name: 1 anywhere, 2 not first, 0 never. Worked out, not looked up in
    /// a table: a table is a lazily made global whose every read checks it was made (some three million
    /// checks in a large sheet).
    @inline(__always)
    static func nameClass(_ c: UInt8) -> UInt8 {
        let lower = c | 0x20
        if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || c == UInt8(ascii: "_")
            || c == UInt8(ascii: ":")
        {
            return 1
        }
        if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") {
            return 2
        }
        return 0
    }

    /// Copies a name: the one- to four-byte names of a sheet (`c`, `v`, `r`, `row`) byte by byte, longer
    /// ones with `memmove` (a call per name was a twentieth of reading a large sheet).
    @inline(__always)
    static func copy(_ to: UnsafeMutablePointer<UInt8>, _ from: UnsafeMutablePointer<UInt8>, _ count: Int) {
        switch count {
        case 0: break
        case 1: to[0] = from[0]
        case 2:
            to[0] = from[0]
            to[1] = from[1]
        case 3:
            to[0] = from[0]
            to[1] = from[1]
            to[2] = from[2]
        case 4:
            to[0] = from[0]
            to[1] = from[1]
            to[2] = from[2]
            to[3] = from[3]
        default: to.update(from: from, count: count)
        }
    }
}
