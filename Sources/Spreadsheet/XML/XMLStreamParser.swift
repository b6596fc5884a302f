internal import CLibXML2

/// A safe, streaming XML parser over libxml2's SAX2 push interface.
///
/// No DTD is loaded, no entity is substituted, nothing is fetched from the network, and any
/// `<!DOCTYPE` stops the parse with ``SpreadsheetError/Problem/forbiddenDTD(part:)``. libxml2's
/// default depth limit (256) stops deeply nested documents.
final class XMLStreamParser {
    private let handler: XMLEventHandler
    /// The same handler, unmanaged: callbacks use it without reference counting.
    fileprivate let unmanagedHandler: Unmanaged<XMLEventHandler>
    private let file: String
    private let part: String
    fileprivate var context: xmlParserCtxtPtr?
    fileprivate var error: SpreadsheetError?
    /// True once the parse must stop (an error here or in the handler); checked on every event.
    fileprivate var stopped = false
    /// Current element depth; documents nested deeper than ``maxDepth`` are refused.
    fileprivate var depth = 0
    static let maxDepth = 256
    /// What both XML readers say of a document nested deeper than ``maxDepth``.
    static let tooDeep = "los elementos se anidan a más de \(maxDepth) niveles"

    /// The file's shared budget, charged with this part's events each time input is pulled.
    private let budget: ReadBudget?
    /// Events (elements and text runs) seen since the budget was last charged.
    fileprivate var events = 0

    init(handler: XMLEventHandler, file: String, part: String, budget: ReadBudget? = nil) {
        self.handler = handler
        self.budget = budget
        self.unmanagedHandler = .passUnretained(handler)
        self.file = file
        self.part = part
        xmlInitParser()
    }

    deinit {
        if let context {
            if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
            xmlFreeParserCtxt(context)
        }
    }

    /// Where the parser pulls its input from, and what runs before each pull.
    private var source: (() throws(SpreadsheetError) -> [UInt8]?)?
    private var beforeRead: (() -> Bool)?
    private var chunk: [UInt8] = []
    private var chunkOffset = 0
    private var sourceError: SpreadsheetError?
    private var cancelled = false

    /// Parses a whole document, pulling its bytes from `source` (nil at the end). `beforeRead`
    /// runs each time the parser needs more input; returning false cancels the parse.
    func parse(
        reading source: @escaping () throws(SpreadsheetError) -> [UInt8]?, beforeRead: (() -> Bool)? = nil
    ) throws(SpreadsheetError) {
        self.source = source
        self.beforeRead = beforeRead
        let me = Unmanaged.passUnretained(self).toOpaque()
        // libxml2 detects the encoding (UTF-8, UTF-16 with BOM) from the first bytes.
        guard let ctx = xmlCreateIOParserCtxt(&Self.sax, me, Self.read, nil, me, XML_CHAR_ENCODING_NONE) else {
            throw fail("no se pudo crear el analizador XML", line: 0)
        }
        context = ctx
        xmlCtxtUseOptions(ctx, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
        let status = xmlParseDocument(ctx)
        if cancelled { return }
        if let sourceError { throw sourceError }
        try check(ctx.pointee.wellFormed == 0 && status == 0 ? -1 : status)
    }

    /// libxml2's input callback: copies the next bytes of the current chunk, pulling a new one when
    /// it is used up. Returns 0 at the end and -1 on a failure or a cancel.
    private static let read: xmlInputReadCallback = { ctx, buffer, length in
        guard let ctx, let buffer else { return -1 }
        let parser = Unmanaged<XMLStreamParser>.fromOpaque(ctx).takeUnretainedValue()
        return parser.fill(buffer, Int(length))
    }

    private func fill(_ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
        if events > 0, let budget {
            let spent = events
            events = 0
            if let problem = budget.charge(bytes: 0, events: spent) {
                sourceError = SpreadsheetError(file: file, problem: problem)
                return -1
            }
        }
        while chunkOffset >= chunk.count {
            if let beforeRead, !beforeRead() {
                cancelled = true
                return -1
            }
            do {
                guard let next = try source?() else { return 0 }
                chunk = next
                chunkOffset = 0
            } catch {
                sourceError = error
                return -1
            }
        }
        let n = min(length, chunk.count - chunkOffset)
        chunk.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + chunkOffset, byteCount: n)
        }
        chunkOffset += n
        return Int32(n)
    }

    private func check(_ status: Int32) throws(SpreadsheetError) {
        if let error { throw error }
        if let handlerError = handler.handlerError { throw handlerError }
        if status != 0 {
            throw fail("error XML \(status)", line: Int(context.map { xmlSAX2GetLineNumber($0) } ?? 0))
        }
    }

    private func fail(_ detail: String, line: Int) -> SpreadsheetError {
        SpreadsheetError(file: file, problem: .malformedXML(part: part, line: line, detail: detail))
    }

    fileprivate func record(_ problem: SpreadsheetError.Problem) {
        stopped = true
        if error == nil { error = SpreadsheetError(file: file, problem: problem) }
        if let context { xmlStopParser(context) }
    }

    @inline(__always)
    fileprivate func stopIfHandlerFailed() {
        if unmanagedHandler._withUnsafeGuaranteedRef({ $0.failed }), let context {
            stopped = true
            xmlStopParser(context)
        }
    }

    fileprivate static func from(_ ctx: UnsafeMutableRawPointer) -> XMLStreamParser {
        Unmanaged<XMLStreamParser>.fromOpaque(ctx).takeUnretainedValue()
    }

    /// Runs `body` on the parser of `ctx` without retaining it (the hot path).
    @inline(__always)
    fileprivate static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (XMLStreamParser) -> Void) {
        guard let ctx else { return }
        Unmanaged<XMLStreamParser>.fromOpaque(ctx)._withUnsafeGuaranteedRef(body)
    }
    fileprivate var partName: String { part }

    nonisolated(unsafe) static var sax: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            XMLStreamParser.with(ctx) { parser in
                guard !parser.stopped, let localname else { return }
                parser.events &+= 1
                parser.depth += 1
                if parser.depth > XMLStreamParser.maxDepth {
                    parser.record(
                        .malformedXML(
                            part: parser.partName, line: Int(parser.context.map { xmlSAX2GetLineNumber($0) } ?? 0),
                            detail: XMLStreamParser.tooDeep))
                    return
                }
                parser.unmanagedHandler._withUnsafeGuaranteedRef {
                    $0.startElement(
                        XMLName(pointer: localname), XMLAttributes(base: attributes, count: Int(nbAttributes)))
                }
                parser.stopIfHandlerFailed()
            }
        }
        sax.endElementNs = { ctx, localname, _, _ in
            XMLStreamParser.with(ctx) { parser in
                guard !parser.stopped, let localname else { return }
                parser.depth -= 1
                parser.unmanagedHandler._withUnsafeGuaranteedRef { $0.endElement(XMLName(pointer: localname)) }
                parser.stopIfHandlerFailed()
            }
        }
        let characters: charactersSAXFunc = { ctx, chars, length in
            XMLStreamParser.with(ctx) { parser in
                guard !parser.stopped, let chars else { return }
                parser.events &+= 1
                parser.unmanagedHandler._withUnsafeGuaranteedRef {
                    $0.characters(UnsafeBufferPointer(start: chars, count: Int(length)))
                }
            }
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.internalSubset = { ctx, _, _, _ in
            guard let ctx else { return }
            let parser = XMLStreamParser.from(ctx)
            parser.record(.forbiddenDTD(part: parser.partName))
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            let parser = XMLStreamParser.from(ctx)
            if parser.stopped { return }
            // Warnings do not stop a parse; only errors are reported.
            guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let original = error.pointee.message.map { String(cString: $0) } ?? ""
            let text = XMLStreamParser.spanish(code: error.pointee.code, original: original)
            parser.record(.malformedXML(part: parser.partName, line: Int(error.pointee.line), detail: text))
        }
        return sax
    }()
}

extension XMLStreamParser {
    /// A Spanish explanation of libxml2's error code (its own messages are English).
    static func spanish(code: Int32, original: String) -> String {
        let c = xmlParserErrors(rawValue: UInt32(code))
        switch c {
        case XML_ERR_INVALID_CHAR, XML_ERR_INVALID_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING:
            return "contiene bytes que no son texto válido en su codificación (UTF-8 o UTF-16)"
        case XML_ERR_INVALID_CHARREF:
            return "contiene una referencia a un carácter no permitido"
        case XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY:
            return "usa una entidad XML no declarada"
        case XML_ERR_DOCUMENT_EMPTY:
            return "la parte está vacía"
        case XML_ERR_TAG_NAME_MISMATCH, XML_ERR_NOT_WELL_BALANCED:
            return "una etiqueta de cierre no corresponde a la que se abrió"
        case XML_ERR_TAG_NOT_FINISHED, XML_ERR_DOCUMENT_END, XML_ERR_GT_REQUIRED:
            return "el XML termina antes de tiempo o tiene una etiqueta incompleta"
        case XML_ERR_EXTRA_CONTENT:
            return "hay contenido después del final del documento"
        default:
            var text = Substring(original)
            while let last = text.last, last.isWhitespace { text.removeLast() }
            return "error de sintaxis XML \(code) (\(text))"
        }
    }
}
