#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text between tags: found, checked and handed over with references resolved and line ends made `\n`.
extension XMLScanner {
    /// Text up to the next `<` (or as much as is sure not to end inside a reference, a `\r\n` or a
    /// `]]>`, when the chunk ends first).
    func characters() throws {
        let stop: Int
        if let p = memchr(buffer + pos, Int32(UInt8(ascii: "<")), end - pos) {
            stop = UnsafeMutablePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - buffer
        } else if eof {
            stop = end
        } else {
            // Hold back a possibly cut reference (the last `&` of the last 40 bytes) or `\r` / `]`.
            var safe = end
            var k = end - 1
            while k >= max(pos, end - 40) {
                if buffer[k] == UInt8(ascii: "&") {
                    safe = k
                    break
                }
                k -= 1
            }
            var held = 0
            while safe > pos && held < 3 && (buffer[safe - 1] == 0x0D || buffer[safe - 1] == UInt8(ascii: "]")) {
                safe -= 1
                held += 1
            }
            if safe == pos {
                guard try fill() else {
                    try deliver(pos, end, decode: true)
                    pos = end
                    return
                }
                return
            }
            stop = safe
        }
        try deliver(pos, stop, decode: true)
        pos = stop
    }

    /// Reports text [from, to): outside the root only white space may appear (and is not reported).
    func deliver(_ from: Int, _ to: Int, decode: Bool) throws {
        guard from < to else { return }
        if frameCount == 0 {
            for k in from..<to where !Self.isSpace(buffer[k]) {
                throw fail(rootSeen ? Self.afterRoot : "la parte no empieza con un elemento XML", at: k)
            }
            return
        }
        var needs = false
        for k in from..<to {
            let c = buffer[k]
            if c == 0x0D || (decode && (c == UInt8(ascii: "&") || c == UInt8(ascii: "]"))) {
                needs = true
                break
            }
        }
        events &+= 1
        let span: UnsafeBufferPointer<UInt8>
        if !needs {
            span = UnsafeBufferPointer(start: buffer + from, count: to - from)
        } else {
            // Decoded first: decoding may move the text buffer.
            let n = try decodeText(from, to, references: decode)
            span = UnsafeBufferPointer(start: text, count: n)
        }
        let failed = unmanagedHandler._withUnsafeGuaranteedRef {
            $0.characters(span)
            return $0.failed
        }
        if failed { throw handlerError() }
    }

    /// Text with references resolved and `\r\n` or `\r` made `\n`, into `text`; its length.
    func decodeText(_ from: Int, _ to: Int, references: Bool) throws -> Int {
        textStore.reserve(to - from, keeping: 0)
        var n = 0
        var k = from
        while k < to {
            let c = buffer[k]
            if c == 0x0D {
                text[n] = 0x0A
                n += 1
                k += (k + 1 < end && buffer[k + 1] == 0x0A) ? 2 : 1
            } else if references && c == UInt8(ascii: "]") && k + 2 < end && buffer[k + 1] == UInt8(ascii: "]")
                && buffer[k + 2] == UInt8(ascii: ">")
            {
                throw fail("el texto contiene «]]>»", at: k)
            } else if references && c == UInt8(ascii: "&") {
                let (scalar, next) = try reference(k, limit: to)
                n += Self.encode(scalar, into: text + n)
                k = next
            } else {
                text[n] = c
                n += 1
                k += 1
            }
        }
        return n
    }

    /// The reference at `at` (`&amp;`, `&#65;`, `&#x41;`…): the character and where it ends.
    func reference(_ at: Int, limit: Int) throws -> (UInt32, Int) {
        var k = at + 1
        while k < limit && k - at < 40 && buffer[k] != UInt8(ascii: ";") { k += 1 }
        guard k < limit, buffer[k] == UInt8(ascii: ";"), k > at + 1 else {
            throw fail("tiene un «&» que no empieza una referencia válida (escriba «&amp;»)", at: at)
        }
        let name = UnsafeBufferPointer(start: buffer + at + 1, count: k - at - 1)
        if name[0] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            let hex = name.count > 1 && name[1] == UInt8(ascii: "x")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty else { throw fail(Self.badCharRef, at: at) }
            for d in digits {
                let v: UInt32
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: v = UInt32(d - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: v = UInt32(d - UInt8(ascii: "A") + 10)
                default: throw fail(Self.badCharRef, at: at)
                }
                value = value * (hex ? 16 : 10) + v
                if value > 0x10FFFF { throw fail(Self.badCharRef, at: at) }
            }
            guard Self.isChar(value) else { throw fail(Self.badCharRef, at: at) }
            return (value, k + 1)
        }
        switch Array(name) {
        case Array("amp".utf8): return (0x26, k + 1)
        case Array("lt".utf8): return (0x3C, k + 1)
        case Array("gt".utf8): return (0x3E, k + 1)
        case Array("quot".utf8): return (0x22, k + 1)
        case Array("apos".utf8): return (0x27, k + 1)
        default: throw fail("usa una entidad XML no declarada", at: at)
        }
    }

    static func isChar(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    static func encode(_ v: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
        switch v {
        case 0..<0x80:
            p[0] = UInt8(v)
            return 1
        case 0x80..<0x800:
            p[0] = UInt8(0xC0 | (v >> 6))
            p[1] = UInt8(0x80 | (v & 0x3F))
            return 2
        case 0x800..<0x10000:
            p[0] = UInt8(0xE0 | (v >> 12))
            p[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[2] = UInt8(0x80 | (v & 0x3F))
            return 3
        default:
            p[0] = UInt8(0xF0 | (v >> 18))
            p[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            p[2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[3] = UInt8(0x80 | (v & 0x3F))
            return 4
        }
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
}
