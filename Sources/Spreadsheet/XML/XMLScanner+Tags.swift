internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Start and end tags, attributes and namespaces (names: `XMLScanner+Names.swift`).
extension XMLScanner {
    // MARK: - Tags

    /// A start tag: parsed in one pass when it is all in the buffer; a tag the buffer cuts is first
    /// found whole (a resumable search for its `>` outside quoted values), so that a long tag costs
    /// one pass per chunk, not one parse per chunk.
    func startTag() throws -> Bool {
        if resumeAt > 0 || resumeQuote != 0 {
            guard let close = findTagClose() else { return false }
            markupDone()
            guard try parseStartTag(limit: close + 1) else { throw fail(Self.unfinished, at: pos) }
            return true
        }
        if try parseStartTag(limit: end) { return true }
        guard findTagClose() != nil else { return false }
        markupDone()
        guard try parseStartTag(limit: end) else { throw fail(Self.unfinished, at: pos) }
        return true
    }

    /// The `>` that ends the start tag at `pos` (outside quoted values), resuming an earlier search.
    func findTagClose() -> Int? {
        var i = pos + max(1, resumeAt)
        var quote = resumeQuote
        while i < end {
            let c = buffer[i]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: ">") {
                return i
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            }
            i += 1
        }
        resumeAt = max(1, i - pos)
        resumeQuote = quote
        return nil
    }

    /// Parses the start tag at `pos` within [pos, limit); false when it does not end before `limit`.
    func parseStartTag(limit: Int) throws -> Bool {
        let b = buffer
        var i = pos + 1
        let nameStart = i
        var nameColon = -1
        i = try scanName(i, limit: limit, colon: &nameColon)
        if i >= limit { return false }
        if i == nameStart { throw fail("una etiqueta está mal formada", at: pos) }
        let nameEnd = i
        attributeCount = 0
        var valueBytes = 0
        var declarations = false
        var prefixed = nameColon >= 0
        var empty = false
        var close = -1
        while true {
            var spaced = false
            while i < limit && Self.isSpace(b[i]) {
                i += 1
                spaced = true
            }
            if i >= limit { return false }
            let c = b[i]
            if c == UInt8(ascii: ">") {
                close = i
                break
            }
            if c == UInt8(ascii: "/") {
                if i + 1 >= limit { return false }
                guard b[i + 1] == UInt8(ascii: ">") else { throw fail("una etiqueta está mal formada", at: i) }
                empty = true
                close = i + 1
                break
            }
            if c == UInt8(ascii: "<") { throw fail("una etiqueta está mal formada (contiene «<»)", at: i) }
            guard spaced else { throw fail("falta un espacio entre los atributos de una etiqueta", at: i) }
            let aStart = i
            var aColon = -1
            i = try scanName(i, limit: limit, colon: &aColon)
            if i >= limit { return false }
            if i == aStart { throw fail("un atributo está mal formado", at: i) }
            let aEnd = i
            while i < limit && Self.isSpace(b[i]) { i += 1 }
            if i >= limit { return false }
            guard b[i] == UInt8(ascii: "=") else { throw fail("un atributo no tiene «=»", at: i) }
            i += 1
            while i < limit && Self.isSpace(b[i]) { i += 1 }
            if i >= limit { return false }
            let q = b[i]
            guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else {
                throw fail("el valor de un atributo no va entre comillas", at: i)
            }
            i += 1
            let vStart = i
            var special = false
            while i < limit {
                let v = b[i]
                if v == q { break }
                if v == UInt8(ascii: "<") { throw fail("el valor de un atributo contiene «<»", at: i) }
                // Below 0x20 only tab, line feed and carriage return get this far.
                if v == UInt8(ascii: "&") || v < 0x20 { special = true }
                i += 1
            }
            if i >= limit { return false }
            let vEnd = i
            i += 1
            if special { valueBytes += vEnd - vStart }
            let declaration =
                aEnd - aStart >= 5 && memcmp(b + aStart, Self.xmlns.utf8Start, 5) == 0
                && (aEnd - aStart == 5 || aColon == aStart + 5)
            declarations = declarations || declaration
            prefixed = prefixed || aColon >= 0
            attributes.reserve(attributeCount + 1, keeping: attributeCount)
            (attributeList + attributeCount).initialize(
                to: Attribute(
                    nameStart: aStart, nameEnd: aEnd, colon: aColon, valueStart: vStart, valueEnd: vEnd,
                    special: special, isDeclaration: declaration))
            attributeCount += 1
        }
        if rootClosed { throw fail(Self.afterRoot, at: pos) }
        try openElement(
            nameStart, nameEnd, colon: nameColon, empty: empty, valueBytes: valueBytes,
            namespaces: declarations || prefixed)
        pos = close + 1
        return true
    }

    static let xmlns: StaticString = "xmlns"

    func openElement(
        _ nameStart: Int, _ nameEnd: Int, colon nameColon: Int, empty: Bool, valueBytes: Int, namespaces: Bool
    ) throws {
        if frameCount >= Self.maxDepth {
            throw fail(XMLStreamParser.tooDeep, at: pos)
        }
        let boundBefore = bindings.count
        if namespaces {
            // Namespace declarations first: they apply to this element and its attributes.
            for k in 0..<attributeCount where attributeList[k].isDeclaration {
                let a = attributeList[k]
                // The same declaration twice in one tag is a repeated attribute.
                for j in 0..<k where attributeList[j].isDeclaration {
                    let o = attributeList[j]
                    if o.nameEnd - o.nameStart == a.nameEnd - a.nameStart
                        && memcmp(buffer + o.nameStart, buffer + a.nameStart, a.nameEnd - a.nameStart) == 0
                    {
                        throw fail("un atributo se repite en la misma etiqueta", at: a.nameStart)
                    }
                }
                let value = try attributeValue(a)
                // A namespace must be a URI as libxml2 parses them (it refuses the document otherwise).
                if !value.isEmpty {
                    let parsed = (value + [0]).withUnsafeBufferPointer {
                        xmlParseURI(UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self))
                    }
                    guard let parsed else { throw fail("un espacio de nombres no es un URI válido", at: a.nameStart) }
                    xmlFreeURI(parsed)
                }
                guard a.colon >= 0 else { continue }  // the default namespace: elements only
                let prefix = Array(UnsafeBufferPointer(start: buffer + a.colon + 1, count: a.nameEnd - a.colon - 1))
                if prefix == Array("xmlns".utf8) {
                    throw fail("no se puede declarar el prefijo «xmlns»", at: a.nameStart)
                }
                if value.isEmpty { throw fail("un prefijo de espacio de nombres se declara vacío", at: a.nameStart) }
                bindings.append((Self.owned(prefix), prefix.count, Self.owned(value)))
            }
            if nameColon >= 0 && uri(nameStart, nameColon) == nil {
                throw fail("usa un prefijo de espacio de nombres no declarado", at: nameStart)
            }
        }
        // Local names and prefixes, NUL-terminated, and normalized values.
        let needed = attributeCount * 2 + attributeNameBytes()
        nameStore.reserve(needed, keeping: 0)
        valueStore.reserve(valueBytes, keeping: 0)
        pointerStore.reserve(attributeCount * 5, keeping: 0)
        var used = 0
        var valuesUsed = 0
        var slot = 0
        for k in 0..<attributeCount {
            let a = attributeList[k]
            if a.isDeclaration { continue }
            var localStart = a.nameStart
            var prefixPointer: UnsafePointer<UInt8>?
            var uriPointer: UnsafePointer<UInt8>?
            if a.colon >= 0 {
                guard let u = uri(a.nameStart, a.colon) else {
                    throw fail("usa un prefijo de espacio de nombres no declarado", at: a.nameStart)
                }
                uriPointer = UnsafePointer(u)
                let prefixLength = a.colon - a.nameStart
                Self.copy(names + used, buffer + a.nameStart, prefixLength)
                names[used + prefixLength] = 0
                prefixPointer = UnsafePointer(names + used)
                used += prefixLength + 1
                localStart = a.colon + 1
            }
            let localLength = a.nameEnd - localStart
            Self.copy(names + used, buffer + localStart, localLength)
            names[used + localLength] = 0
            // Repeated attributes (same name, or same local name in the same namespace) are an error.
            for j in 0..<slot {
                guard let other = pointers[j * 5], strcmp(other, names + used) == 0 else { continue }
                let samePrefix =
                    pointers[j * 5 + 1].map { p in prefixPointer.map { strcmp(p, $0) == 0 } ?? false }
                    ?? (prefixPointer == nil)
                let sameURI =
                    pointers[j * 5 + 2].map { o in uriPointer.map { strcmp(o, $0) == 0 } ?? false } ?? false
                if samePrefix || sameURI { throw fail("un atributo se repite en la misma etiqueta", at: a.nameStart) }
            }
            pointers[slot * 5] = UnsafePointer(names + used)
            used += localLength + 1
            pointers[slot * 5 + 1] = prefixPointer
            pointers[slot * 5 + 2] = uriPointer
            if !a.special {
                pointers[slot * 5 + 3] = UnsafePointer(buffer + a.valueStart)
                pointers[slot * 5 + 4] = UnsafePointer(buffer + a.valueEnd)
            } else {
                let n = try normalizeValue(a.valueStart, a.valueEnd, into: values + valuesUsed)
                pointers[slot * 5 + 3] = UnsafePointer(values + valuesUsed)
                pointers[slot * 5 + 4] = UnsafePointer(values + valuesUsed + n)
                valuesUsed += n
            }
            slot += 1
        }
        // The element on the stack (its qualified name, for the closing tag).
        let length = nameEnd - nameStart
        stackStore.reserve(stackUsed + length + 1, keeping: stackUsed)
        Self.copy(stack + stackUsed, buffer + nameStart, length)
        stack[stackUsed + length] = 0
        let local = nameColon >= 0 ? nameColon + 1 - nameStart : 0
        frames.reserve(frameCount + 1, keeping: frameCount)
        (frameList + frameCount).initialize(
            to: Frame(start: stackUsed, length: length, local: local, bindings: boundBefore))
        frameCount += 1
        let name = XMLName(pointer: UnsafePointer(stack + stackUsed + local))
        stackUsed += length + 1
        rootSeen = true
        events &+= 1
        let failed = unmanagedHandler._withUnsafeGuaranteedRef {
            $0.startElement(name, XMLAttributes(base: slot > 0 ? pointers : nil, count: slot))
            return $0.failed
        }
        if failed { throw handlerError() }
        if empty { try closeElement() }
    }

    /// The bytes of the attributes' names (an upper bound of their local names and prefixes).
    @inline(__always)
    func attributeNameBytes() -> Int {
        var n = 0
        for k in 0..<attributeCount { n += attributeList[k].nameEnd - attributeList[k].nameStart }
        return n
    }

    /// The URI bound to the prefix [start, end) in scope, nil when undeclared.
    func uri(_ start: Int, _ end: Int) -> UnsafeMutablePointer<UInt8>? {
        let length = end - start
        for b in bindings.reversed() where b.prefixLength == length && memcmp(b.prefix, buffer + start, length) == 0 {
            return b.uri
        }
        if length == 3 && memcmp(xmlPrefix, buffer + start, 3) == 0 { return xmlURI }
        return nil
    }

    /// A namespace declaration's value as libxml2 binds it (the form ``normalizeValue(_:_:into:)``
    /// gives: an ampersand stays `&#38;`, which is then part of the URI).
    func attributeValue(_ a: Attribute) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: a.valueEnd - a.valueStart)
        var n = 0
        try out.withUnsafeMutableBufferPointer { o throws in
            guard let base = o.baseAddress else { return }
            n = try normalizeValue(a.valueStart, a.valueEnd, into: base)
        }
        return Array(out[0..<n])
    }

    /// A value as libxml2 hands it over without entity substitution: tabs and line breaks (`\r\n`
    /// once) become spaces, character references and `&lt; &gt; &quot; &apos;` are resolved, and an
    /// ampersand (`&amp;` or `&#38;`) is kept as `&#38;`. Its length in `out`.
    func normalizeValue(_ from: Int, _ to: Int, into out: UnsafeMutablePointer<UInt8>) throws -> Int {
        var n = 0
        var k = from
        while k < to {
            let c = buffer[k]
            if c == UInt8(ascii: "&") {
                let (scalar, next) = try reference(k, limit: to)
                if scalar == 0x26 {
                    for (j, b) in "&#38;".utf8.enumerated() { out[n + j] = b }
                    n += 5
                } else {
                    n += Self.encode(scalar, into: out + n)
                }
                k = next
            } else if c == 0x0D {
                out[n] = 0x20
                n += 1
                k += (k + 1 < to && buffer[k + 1] == 0x0A) ? 2 : 1
            } else {
                out[n] = c == 0x09 || c == 0x0A ? 0x20 : c
                n += 1
                k += 1
            }
        }
        return n
    }

    func endTag() throws -> Bool {
        // Most end tags are `</name>` with the open element's name: their `>` is checked where it must
        // be instead of searched for (a call per end tag). Otherwise, or when the name differs (then
        // an error either way), the first `>` is searched.
        var close = -1
        if resumeAt == 0 && frameCount > 0 {
            let k = pos + 2 + frameList[frameCount - 1].length
            if k < end && buffer[k] == UInt8(ascii: ">") { close = k }
        }
        if close < 0 {
            guard let found = find(UInt8(ascii: ">"), from: 2) else { return false }
            close = found
        }
        markupDone()
        guard frameCount > 0 else { throw fail(Self.mismatch, at: pos) }
        let top = frameList[frameCount - 1]
        let nameStart = pos + 2
        var k = nameStart + top.length
        guard k <= close, memcmp(buffer + nameStart, stack + top.start, top.length) == 0 else {
            throw fail(Self.mismatch, at: pos)
        }
        while k < close && Self.isSpace(buffer[k]) { k += 1 }
        guard k == close else { throw fail(Self.mismatch, at: pos) }
        try closeElement()
        pos = close + 1
        return true
    }

    func closeElement() throws {
        guard frameCount > 0 else { return }
        frameCount -= 1
        let top = frameList[frameCount]
        let name = XMLName(pointer: UnsafePointer(stack + top.start + top.local))
        let failed = unmanagedHandler._withUnsafeGuaranteedRef {
            $0.endElement(name)
            return $0.failed
        }
        stackUsed = top.start
        while bindings.count > top.bindings {
            let b = bindings.removeLast()
            b.prefix.deallocate()
            b.uri.deallocate()
        }
        if frameCount == 0 { rootClosed = true }
        if failed { throw handlerError() }
    }
}
