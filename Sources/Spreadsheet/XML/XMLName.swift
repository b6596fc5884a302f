/// A borrowed, NUL-terminated XML local name.
struct XMLName {
    let pointer: UnsafePointer<UInt8>

    /// Whether the name equals `literal` (ASCII).
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let lit = literal.utf8Start
        let n = literal.utf8CodeUnitCount
        for i in 0..<n where pointer[i] != lit[i] { return false }
        return pointer[n] == 0
    }

    var string: String { String(cString: pointer) }
}

/// The attributes of a start tag as libxml2's SAX2 hands them: five pointers per attribute
/// (local name, prefix, URI, value start, value end); values are not NUL-terminated.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The value of the attribute whose local name is `name` (any namespace).
    @inline(__always)
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let pointer = base[i * 5], XMLName(pointer: pointer).is(name) else { continue }
            return Self.span(base, i)
        }
        return nil
    }

    /// Attribute `i`'s value bytes (libxml2 gives start and end pointers; they are never null).
    @inline(__always)
    static func span(_ base: UnsafeMutablePointer<UnsafePointer<UInt8>?>, _ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard let start = base[i * 5 + 3], let end = base[i * 5 + 4], end >= start else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: start, count: end - start)
    }

    /// The value of `name` as a String, with the five predefined entities already resolved.
    func string(_ name: StaticString) -> String? {
        value(name).map { decodeAttribute($0) }
    }

    /// The value of an attribute in a namespace (any prefix), such as `r:id`.
    func namespacedString(_ name: StaticString) -> String? {
        guard let base else { return nil }
        for i in 0..<count where base[i * 5 + 2] != nil {
            guard let pointer = base[i * 5], XMLName(pointer: pointer).is(name) else { continue }
            return decodeAttribute(Self.span(base, i))
        }
        return nil
    }
}

/// libxml2 (without entity substitution) leaves `&#38;`-style references in attribute values as
/// `&#38;`; resolve the predefined and numeric character references.
func decodeAttribute(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
    let s = String(decoding: bytes, as: UTF8.self)
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
            out += rest[amp...]
            return out
        }
        let ref = rest[rest.index(after: amp)..<semi]
        switch ref {
        case "amp": out += "&"
        case "lt": out += "<"
        case "gt": out += ">"
        case "quot": out += "\""
        case "apos": out += "'"
        default:
            var scalar: Unicode.Scalar?
            if ref.hasPrefix("#x") || ref.hasPrefix("#X") {
                scalar = UInt32(ref.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if ref.hasPrefix("#") {
                scalar = UInt32(ref.dropFirst()).flatMap(Unicode.Scalar.init)
            }
            if let scalar { out.unicodeScalars.append(scalar) } else { out += rest[amp...semi] }
        }
        rest = rest[rest.index(after: semi)...]
    }
    out += rest
    return out
}
