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
    let handler: XMLEventHandler
    /// The same handler, unmanaged: events reach it without reference counting.
    let unmanagedHandler: Unmanaged<XMLEventHandler>
    let file: String
    let part: String
    let budget: ReadBudget?

    static var maxDepth: Int { XMLStreamParser.maxDepth }
    /// The longest single tag, comment, processing instruction or CDATA section (libxml2 refuses
    /// text and attribute values past 10 MB).
    static let maxMarkup = 16 << 20

    // The input: bytes [pos, end) are checked (valid UTF-8 XML characters) and not yet scanned;
    // [end, filled) is an incomplete UTF-8 sequence waiting for the next chunk.
    var input = ScratchBuffer<UInt8>(capacity: 1 << 16)
    var buffer: UnsafeMutablePointer<UInt8> { input.base }
    var pos = 0
    var end = 0
    var filled = 0
    var eof = false
    /// The byte at `end` is not text: the scan stops there with an error.
    var stoppedAtNonText = false
    /// Line breaks in all bytes checked so far (error messages give lines).
    var newlines = 0
    /// Where an unfinished search for the end of markup stopped (relative to `pos`), and whether it
    /// stopped inside a quoted value.
    var resumeAt = 0
    var resumeQuote: UInt8 = 0

    var source: (() throws(SpreadsheetError) -> [UInt8]?)?
    var beforeRead: (() -> Bool)?
    var events = 0

    // Open elements: their qualified names (NUL-terminated) in `stack`, and where each starts.
    var stackStore = ScratchBuffer<UInt8>(capacity: 1024)
    var stack: UnsafeMutablePointer<UInt8> { stackStore.base }
    var stackUsed = 0
    var frames = ScratchBuffer<Frame>(capacity: 64)
    var frameList: UnsafeMutablePointer<Frame> { frames.base }
    var frameCount = 0
    var rootSeen = false
    var rootClosed = false

    struct Frame {
        var start: Int
        var length: Int
        var local: Int
        var bindings: Int
    }

    /// Namespace prefixes in scope (NUL-terminated prefix and URI, owned).
    var bindings: [(prefix: UnsafeMutablePointer<UInt8>, prefixLength: Int, uri: UnsafeMutablePointer<UInt8>)] =
        []
    let xmlPrefix = XMLScanner.owned(Array("xml".utf8))
    let xmlURI = XMLScanner.owned(Array("http://www.w3.org/XML/1998/namespace".utf8))

    // Per start tag: the attributes found, NUL-terminated local names and prefixes, normalized
    // values, and the five-pointer array handed to the handler.
    var attributes = ScratchBuffer<Attribute>(capacity: 16)
    var attributeList: UnsafeMutablePointer<Attribute> { attributes.base }
    var attributeCount = 0
    var nameStore = ScratchBuffer<UInt8>(capacity: 256)
    var names: UnsafeMutablePointer<UInt8> { nameStore.base }
    var valueStore = ScratchBuffer<UInt8>(capacity: 256)
    var values: UnsafeMutablePointer<UInt8> { valueStore.base }
    var pointerStore = ScratchBuffer<UnsafePointer<UInt8>?>(capacity: 40)
    var pointers: UnsafeMutablePointer<UnsafePointer<UInt8>?> { pointerStore.base }
    /// Decoded text (references, line ends) handed to the handler.
    var textStore = ScratchBuffer<UInt8>(capacity: 4096)
    var text: UnsafeMutablePointer<UInt8> { textStore.base }

    struct Attribute {
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

    struct Stop: Error {}

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

    static func owned(_ bytes: [UInt8]) -> UnsafeMutablePointer<UInt8> {
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

    // MARK: - Scanning

    func scan() throws {
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
    func find(_ a: UInt8, _ b2: UInt8? = nil, from: Int) -> Int? {
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

    func markupDone() {
        resumeAt = 0
        resumeQuote = 0
    }

    func processingInstruction(first: Bool) throws -> Bool {
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
            try checkDeclaration(Array(UnsafeBufferPointer(start: buffer + pos, count: close + 2 - pos)))
        }
        if i < close && !Self.isSpace(buffer[i]) {
            throw fail("una instrucción de procesamiento está mal formada", at: i)
        }
        pos = close + 2
        return true
    }

    /// The declaration's own grammar (version, encoding, standalone) is libxml2's to judge: it reads
    /// the declaration alone, before an empty element. Declarations already judged valid are
    /// remembered (every part of a workbook, and every workbook, repeats the same one or two).
    func checkDeclaration(_ declaration: [UInt8]) throws {
        if Self.validDeclarations.contains(declaration) { return }
        var given = false
        do {
            try XMLStreamParser(handler: XMLEventHandler(), file: file, part: part).parse(reading: {
                () throws(SpreadsheetError) -> [UInt8]? in
                if given { return nil }
                given = true
                return declaration + Array("<a/>".utf8)
            })
        } catch {
            if case .malformedXML(_, _, let detail) = error.problem { throw fail(detail, at: pos) }
            throw error
        }
        Self.validDeclarations.insert(declaration)
    }

    static let validDeclarations = ValidDeclarations()

    func declarationOrComment() throws -> Bool {
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

    func findCDATAEnd() -> Int? {
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

    // MARK: - Errors

    static let notText = "contiene bytes que no son texto válido en su codificación (UTF-8 o UTF-16)"
    static let unfinished = "el XML termina antes de tiempo o tiene una etiqueta incompleta"
    static let mismatch = "una etiqueta de cierre no corresponde a la que se abrió"
    static let afterRoot = "hay contenido después del final del documento"
    static let outsideRoot = "hay texto fuera del elemento principal"
    static let badCharRef = "contiene una referencia a un carácter no permitido"

    func handlerError() -> SpreadsheetError {
        handler.handlerError ?? fail("error XML", at: pos)
    }

    /// An error at buffer position `at`, with its line (1-based).
    func fail(_ detail: String, at: Int) -> SpreadsheetError {
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
