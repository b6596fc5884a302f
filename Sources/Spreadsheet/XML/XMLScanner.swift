internal import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming scanner for UTF-8 XML that reports the same events as ``XMLStreamParser`` (libxml2's
/// SAX2 interface, as this reader uses it) at a fraction of the cost per element: the worksheets of
/// big files are millions of small elements, and libxml2's general machinery (input layers, name
/// dictionary, attribute arrays built per element) was most of the reading time.
///
/// It checks what makes XML well-formed and refuses the same documents: valid UTF-8 made of XML
/// characters, names, matched and nested tags (at most 256 levels), quoted attributes without `<`,
/// no repeated attribute, declared namespace prefixes, only the five predefined entities and
/// character references that name XML characters, no `]]>` in text, one root element, comments
/// without `--`; a `<!DOCTYPE` stops the read as libxml2's path does. Events follow libxml2's:
/// local names (prefix removed), attributes as five pointers each (local name, prefix, URI, value
/// start and end; `xmlns` declarations are not attributes), attribute values with tabs and line
/// breaks made spaces and `&amp;` kept as `&#38;`, text with references resolved and line ends made
/// `\n`, CDATA as text, no text outside the root element.
///
/// Only UTF-8 is read here: ``AdaptiveXMLParser`` sends other encodings to libxml2.
final class XMLScanner {
    private let handler: XMLEventHandler
    /// The same handler, unmanaged: events reach it without reference counting.
    private let unmanagedHandler: Unmanaged<XMLEventHandler>
    private let file: String
    private let part: String
    private let budget: ReadBudget?

    static let maxDepth = XMLStreamParser.maxDepth
    /// The longest single tag, comment, processing instruction or CDATA section (libxml2 refuses
    /// text and attribute values past 10 MB).
    static let maxMarkup = 16 << 20

    // The input: bytes [pos, end) are checked (valid UTF-8 XML characters) and not yet scanned;
    // [end, filled) is an incomplete UTF-8 sequence waiting for the next chunk.
    private var input = ScratchBuffer<UInt8>(capacity: 1 << 16)
    private var buffer: UnsafeMutablePointer<UInt8> { input.base }
    private var pos = 0
    private var end = 0
    private var filled = 0
    private var eof = false
    /// The byte at `end` is not text: the scan stops there with an error.
    private var stoppedAtNonText = false
    /// Line breaks in all bytes checked so far (error messages give lines).
    private var newlines = 0
    /// Where an unfinished search for the end of markup stopped (relative to `pos`), and whether it
    /// stopped inside a quoted value.
    private var resumeAt = 0
    private var resumeQuote: UInt8 = 0

    private var source: (() throws(SpreadsheetError) -> [UInt8]?)?
    private var beforeRead: (() -> Bool)?
    private var events = 0

    // Open elements: their qualified names (NUL-terminated) in `stack`, and where each starts.
    private var stackStore = ScratchBuffer<UInt8>(capacity: 1024)
    private var stack: UnsafeMutablePointer<UInt8> { stackStore.base }
    private var stackUsed = 0
    private var frames = ScratchBuffer<Frame>(capacity: 64)
    private var frameList: UnsafeMutablePointer<Frame> { frames.base }
    private var frameCount = 0
    private var rootSeen = false
    private var rootClosed = false

    private struct Frame {
        var start: Int
        var length: Int
        var local: Int
        var bindings: Int
    }

    /// Namespace prefixes in scope (NUL-terminated prefix and URI, owned).
    private var bindings: [(prefix: UnsafeMutablePointer<UInt8>, prefixLength: Int, uri: UnsafeMutablePointer<UInt8>)] =
        []
    private let xmlPrefix = XMLScanner.owned(Array("xml".utf8))
    private let xmlURI = XMLScanner.owned(Array("http://www.w3.org/XML/1998/namespace".utf8))

    // Per start tag: the attributes found, NUL-terminated local names and prefixes, normalized
    // values, and the five-pointer array handed to the handler.
    private var attributes = ScratchBuffer<Attribute>(capacity: 16)
    private var attributeList: UnsafeMutablePointer<Attribute> { attributes.base }
    private var attributeCount = 0
    private var nameStore = ScratchBuffer<UInt8>(capacity: 256)
    private var names: UnsafeMutablePointer<UInt8> { nameStore.base }
    private var valueStore = ScratchBuffer<UInt8>(capacity: 256)
    private var values: UnsafeMutablePointer<UInt8> { valueStore.base }
    private var pointerStore = ScratchBuffer<UnsafePointer<UInt8>?>(capacity: 40)
    private var pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?> { pointerStore.base }
    /// Decoded text (references, line ends) handed to the handler.
    private var textStore = ScratchBuffer<UInt8>(capacity: 4096)
    private var text: UnsafeMutablePointer<UInt8> { textStore.base }

    private struct Attribute {
        var nameStart: Int
        var nameEnd: Int
        /// Where the name's `:` is, -1 without one.
        var colon: Int
        var valueStart: Int
        var valueEnd: Int
        /// The value has references, tabs or line breaks (it is normalized before it is handed over).
        var special: Bool
        var isDeclaration: Bool
    }

    private struct Stop: Error {}

    init(handler: XMLEventHandler, file: String, part: String, budget: ReadBudget? = nil) {
        self.handler = handler
        unmanagedHandler = .passUnretained(handler)
        self.file = file
        self.part = part
        self.budget = budget
    }

    deinit {
        input.free()
        stackStore.free()
        frames.free()
        attributes.free()
        nameStore.free()
        valueStore.free()
        pointerStore.free()
        textStore.free()
        for b in bindings {
            b.prefix.deallocate()
            b.uri.deallocate()
        }
        xmlPrefix.deallocate()
        xmlURI.deallocate()
    }

    private static func owned(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
        p.initialize(from: bytes, count: bytes.count)
        p[bytes.count] = 0
        return p
    }

    /// Whether a part that starts with `prefix` is UTF-8 XML this scanner reads: no UTF-16 byte order
    /// mark or zero bytes, and an XML declaration (if any) that declares UTF-8 or nothing.
    static func accepts(_ prefix: [UInt8]) -> Bool {
        guard !prefix.isEmpty else { return false }
        if prefix.starts(with: [0xFE, 0xFF]) || prefix.starts(with: [0xFF, 0xFE]) { return false }
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.prefix(4).contains(0) { return false }
        guard bytes.starts(with: Array("<?xml".utf8)) else { return true }
        guard let close = bytes.prefix(1024).firstIndex(of: UInt8(ascii: ">")) else { return false }
        let declaration = Array(bytes[bytes.startIndex..<close])
        let key = Array("encoding".utf8)
        guard
            let at = (0..<max(0, declaration.count - key.count + 1)).first(where: {
                Array(declaration[$0..<($0 + key.count)]) == key
            })
        else { return true }
        let rest = declaration[(at + key.count)...].drop { $0 == 0x20 || $0 == UInt8(ascii: "=") || $0 == 0x09 }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
        let name = String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    func parse(
        reading source: @escaping () throws(SpreadsheetError) -> [UInt8]?, beforeRead: (() -> Bool)? = nil
    ) throws(SpreadsheetError) {
        self.source = source
        self.beforeRead = beforeRead
        do {
            try scan()
        } catch let stop as Stop {
            _ = stop
            return
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw fail("error XML", at: pos)
        }
    }

    // MARK: - Input

    /// Pulls the next chunk (after handing over finished rows); false at the end of the input.
    private func fill() throws -> Bool {
        if eof { return false }
        if events > 0, let budget {
            let spent = events
            events = 0
            if let problem = budget.charge(bytes: 0, events: spent) {
                throw SpreadsheetError(file: file, problem: problem)
            }
        }
        // The scan reached a byte that is not text.
        if stoppedAtNonText { throw fail(Self.notText, at: end) }
        if let beforeRead, !beforeRead() { throw Stop() }
        // Keep only what is not scanned yet.
        if pos > 0 {
            let keep = filled - pos
            if keep > 0 { memmove(buffer, buffer + pos, keep) }
            end -= pos
            filled -= pos
            pos = 0
        }
        var chunk: [UInt8]?
        repeat { chunk = try source?() } while chunk?.isEmpty == true
        guard let chunk else {
            eof = true
            if filled > end { throw fail(Self.notText, at: end) }
            return false
        }
        input.reserve(filled + chunk.count, keeping: filled)
        chunk.withUnsafeBufferPointer { c in
            if let base = c.baseAddress { (buffer + filled).update(from: base, count: c.count) }
        }
        filled += chunk.count
        check()
        return true
    }

    /// Checks [end, filled): UTF-8 made of XML characters (tab, line feed, carriage return, U+0020
    /// up, no surrogates, no U+FFFE or U+FFFF), leaving a sequence the chunk cut for the next one.
    /// The first byte that is not text stops the check there (`notText`): the scan reports it when it
    /// gets that far, so that an earlier problem (a `<!DOCTYPE`, a wrong tag) is the one reported, as
    /// libxml2 does.
    private func check() {
        let b = buffer
        var i = end
        let n = filled
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    // Eight ASCII bytes: any below 0x20?
                    if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 {
                        for k in i..<(i + 8) where b[k] < 0x20 {
                            if b[k] == 0x0A {
                                newlines += 1
                            } else if b[k] != 0x09 && b[k] != 0x0D {
                                return stop(at: k)
                            }
                        }
                    }
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 {
                    if c == 0x0A {
                        newlines += 1
                    } else if c != 0x09 && c != 0x0D {
                        return stop(at: i)
                    }
                }
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return stop(at: i)
            }
            if i + length > n {
                // Cut by the chunk: checked with the next one (or refused at the end).
                if eof { return stop(at: i) }
                break
            }
            guard b[i + 1] >= low && b[i + 1] <= high else { return stop(at: i) }
            for k in 2..<length where b[i + k] & 0xC0 != 0x80 { return stop(at: i) }
            // U+FFFE and U+FFFF are not XML characters.
            if c == 0xEF && b[i + 1] == 0xBF && b[i + 2] >= 0xBE { return stop(at: i) }
            i += length
        }
        end = i
    }

    private func stop(at k: Int) {
        end = k
        stoppedAtNonText = true
    }

    // MARK: - Scanning

    private func scan() throws {
        guard try fill() else { throw fail("la parte está vacía", at: 0) }
        // A UTF-8 byte order mark, then an optional XML declaration.
        while end - pos < 3 && !eof { _ = try fill() }
        if end - pos >= 3 && buffer[pos] == 0xEF && buffer[pos + 1] == 0xBB && buffer[pos + 2] == 0xBF { pos += 3 }
        var first = true
        while true {
            if pos >= end {
                guard try fill() else { break }
                continue
            }
            if buffer[pos] != UInt8(ascii: "<") {
                try characters()
                first = false
                continue
            }
            if end - pos < 2 {
                guard try fill() else { throw fail(Self.unfinished, at: pos) }
                continue
            }
            let done: Bool
            switch buffer[pos + 1] {
            case UInt8(ascii: "/"): done = try endTag()
            case UInt8(ascii: "?"): done = try processingInstruction(first: first)
            case UInt8(ascii: "!"): done = try declarationOrComment()
            default: done = try startTag()
            }
            if !done {
                if end - pos > Self.maxMarkup {
                    throw fail("una etiqueta, comentario o sección tiene más de \(Self.maxMarkup >> 20) MiB", at: pos)
                }
                guard try fill() else { throw fail(Self.unfinished, at: pos) }
                continue
            }
            first = false
        }
        if !rootSeen { throw fail("la parte está vacía", at: pos) }
        if !rootClosed { throw fail(Self.unfinished, at: pos) }
    }

    /// Finds `terminator` (one or two bytes) from `pos + from`, resuming an earlier search.
    @inline(__always)
    private func find(_ a: UInt8, _ b2: UInt8? = nil, from: Int) -> Int? {
        var i = pos + max(from, resumeAt)
        while i < end {
            guard let p = memchr(buffer + i, Int32(a), end - i) else {
                i = end
                break
            }
            let k = UnsafeMutablePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - buffer
            guard let b2 else { return k }
            if k + 1 < end {
                if buffer[k + 1] == b2 { return k }
                i = k + 1
            } else {
                i = k
                break
            }
        }
        resumeAt = max(0, min(i, end) - pos)
        return nil
    }

    private func markupDone() {
        resumeAt = 0
        resumeQuote = 0
    }

    private func processingInstruction(first: Bool) throws -> Bool {
        guard let close = find(UInt8(ascii: "?"), UInt8(ascii: ">"), from: 2) else { return false }
        markupDone()
        // The target: `xml` (any case) only as the declaration at the very start.
        let nameStart = pos + 2
        var colon = -1
        let i = try scanName(nameStart, limit: close, colon: &colon)
        if i == nameStart { throw fail("una instrucción de procesamiento no tiene nombre", at: pos) }
        if colon >= 0 { throw fail("el nombre de una instrucción de procesamiento lleva «:»", at: pos) }
        let isXML =
            i - nameStart == 3 && buffer[nameStart] | 0x20 == UInt8(ascii: "x")
            && buffer[nameStart + 1] | 0x20 == UInt8(ascii: "m") && buffer[nameStart + 2] | 0x20 == UInt8(ascii: "l")
        if isXML && !first { throw fail("la declaración XML solo puede ir al principio", at: pos) }
        if isXML {
            // The declaration's own grammar (version, encoding, standalone) is libxml2's to judge:
            // it reads the declaration alone, before an empty element.
            let declaration =
                Array(UnsafeBufferPointer(start: buffer + pos, count: close + 2 - pos)) + Array("<a/>".utf8)
            var given = false
            do {
                try XMLStreamParser(handler: XMLEventHandler(), file: file, part: part).parse(reading: {
                    () throws(SpreadsheetError) -> [UInt8]? in
                    if given { return nil }
                    given = true
                    return declaration
                })
            } catch {
                if case .malformedXML(_, _, let detail) = error.problem { throw fail(detail, at: pos) }
                throw error
            }
        }
        if i < close && !Self.isSpace(buffer[i]) {
            throw fail("una instrucción de procesamiento está mal formada", at: i)
        }
        pos = close + 2
        return true
    }

    private func declarationOrComment() throws -> Bool {
        // `<!--`, `<![CDATA[` or `<!DOCTYPE`: enough bytes to tell.
        if end - pos < 9 && !eof { return false }
        let available = end - pos
        func starts(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard available >= n else { return false }
            return memcmp(buffer + pos, s.utf8Start, n) == 0
        }
        if starts("<!--") {
            guard let close = find(UInt8(ascii: "-"), UInt8(ascii: "-"), from: 4) else { return false }
            guard close + 2 < end else { return false }
            guard buffer[close + 2] == UInt8(ascii: ">") else { throw fail("un comentario contiene «--»", at: close) }
            markupDone()
            pos = close + 3
            return true
        }
        if starts("<![CDATA[") {
            guard let close = findCDATAEnd() else { return false }
            markupDone()
            guard frameCount > 0 else { throw fail(Self.outsideRoot, at: pos) }
            try deliver(pos + 9, close, decode: false)
            pos = close + 3
            return true
        }
        if starts("<!DOCTYPE") { throw SpreadsheetError(file: file, problem: .forbiddenDTD(part: part)) }
        throw fail("una declaración «<!» no es un comentario ni una sección CDATA", at: pos)
    }

    private func findCDATAEnd() -> Int? {
        var from = 9
        while let k = find(UInt8(ascii: "]"), UInt8(ascii: "]"), from: from) {
            if k + 2 < end {
                if buffer[k + 2] == UInt8(ascii: ">") { return k }
                from = k + 1 - pos
                resumeAt = 0
            } else {
                resumeAt = k - pos
                return nil
            }
        }
        return nil
    }

    /// Text up to the next `<` (or as much as is sure not to end inside a reference, a `\r\n` or a
    /// `]]>`, when the chunk ends first).
    private func characters() throws {
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
    private func deliver(_ from: Int, _ to: Int, decode: Bool) throws {
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
    private func decodeText(_ from: Int, _ to: Int, references: Bool) throws -> Int {
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
    private func reference(_ at: Int, limit: Int) throws -> (UInt32, Int) {
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

    private static func isChar(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    private static func encode(_ v: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
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
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    // MARK: - Names

    @inline(__always)
    private static func isNameEnd(_ c: UInt8) -> Bool {
        isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
            || c == UInt8(ascii: "?")
    }

    private func decodeScalar(_ i: Int) -> (UInt32, Int) {
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

    private static func isNameChar(_ v: UInt32, first: Bool) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        case 0xB7, 0x300...0x36F, 0x203F...0x2040: return !first
        default: return false
        }
    }

    // MARK: - Tags

    /// A start tag: parsed in one pass when it is all in the buffer; a tag the buffer cuts is first
    /// found whole (a resumable search for its `>` outside quoted values), so that a long tag costs
    /// one pass per chunk, not one parse per chunk.
    private func startTag() throws -> Bool {
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
    private func findTagClose() -> Int? {
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

    /// Moves past a name from `start` (XML 1.0 fifth edition: letters, digits, `_ : - .` and the
    /// Unicode ranges of NameStartChar and NameChar; it starts with a NameStartChar), noting its `:`
    /// (one at most, neither first nor last); returns where it ends (`limit` when cut).
    @inline(__always)
    private func scanName(_ start: Int, limit: Int, colon: inout Int) throws -> Int {
        var i = start
        while i < limit {
            let c = buffer[i]
            if c < 0x80 {
                // Digits, `-` and `.` cannot start the name, nor its local part after the `:`.
                if Self.nameByte[Int(c)] == 0
                    || (Self.nameByte[Int(c)] == 2 && (i == start || (colon >= 0 && i == colon + 1)))
                {
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

    /// ASCII bytes in names: 1 anywhere, 2 not first, 0 never.
    private static let nameByte: [UInt8] = (0..<128).map { c in
        switch UInt8(c) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"):
            return 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): return 2
        default: return 0
        }
    }

    /// Parses the start tag at `pos` within [pos, limit); false when it does not end before `limit`.
    private func parseStartTag(limit: Int) throws -> Bool {
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

    private static let xmlns: StaticString = "xmlns"

    private func openElement(
        _ nameStart: Int, _ nameEnd: Int, colon nameColon: Int, empty: Bool, valueBytes: Int, namespaces: Bool
    ) throws {
        if frameCount >= Self.maxDepth {
            throw fail("los elementos se anidan a más de \(Self.maxDepth) niveles", at: pos)
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
                (names + used).update(from: buffer + a.nameStart, count: prefixLength)
                names[used + prefixLength] = 0
                prefixPointer = UnsafePointer(names + used)
                used += prefixLength + 1
                localStart = a.colon + 1
            }
            let localLength = a.nameEnd - localStart
            (names + used).update(from: buffer + localStart, count: localLength)
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
        (stack + stackUsed).update(from: buffer + nameStart, count: length)
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
    private func attributeNameBytes() -> Int {
        var n = 0
        for k in 0..<attributeCount { n += attributeList[k].nameEnd - attributeList[k].nameStart }
        return n
    }

    /// The URI bound to the prefix [start, end) in scope, nil when undeclared.
    private func uri(_ start: Int, _ end: Int) -> UnsafeMutablePointer<UInt8>? {
        let length = end - start
        for b in bindings.reversed() where b.prefixLength == length && memcmp(b.prefix, buffer + start, length) == 0 {
            return b.uri
        }
        if length == 3 && memcmp(xmlPrefix, buffer + start, 3) == 0 { return xmlURI }
        return nil
    }

    /// A namespace declaration's value as libxml2 binds it (the form ``normalizeValue(_:_:into:)``
    /// gives: an ampersand stays `&#38;`, which is then part of the URI).
    private func attributeValue(_ a: Attribute) throws -> [UInt8] {
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
    private func normalizeValue(_ from: Int, _ to: Int, into out: UnsafeMutablePointer<UInt8>) throws -> Int {
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

    private func endTag() throws -> Bool {
        guard let close = find(UInt8(ascii: ">"), from: 2) else { return false }
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

    private func closeElement() throws {
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

    // MARK: - Errors

    static let notText = "contiene bytes que no son texto válido en su codificación (UTF-8 o UTF-16)"
    static let unfinished = "el XML termina antes de tiempo o tiene una etiqueta incompleta"
    static let mismatch = "una etiqueta de cierre no corresponde a la que se abrió"
    static let afterRoot = "hay contenido después del final del documento"
    static let outsideRoot = "hay texto fuera del elemento principal"
    static let badCharRef = "contiene una referencia a un carácter no permitido"

    private func handlerError() -> SpreadsheetError {
        handler.handlerError ?? fail("error XML", at: pos)
    }

    /// An error at buffer position `at`, with its line (1-based).
    private func fail(_ detail: String, at: Int) -> SpreadsheetError {
        var after = 0
        var k = max(0, min(at, end))
        while k < end {
            if buffer[k] == 0x0A { after += 1 }
            k += 1
        }
        return SpreadsheetError(
            file: file, problem: .malformedXML(part: part, line: max(1, newlines - after + 1), detail: detail))
    }
}
