internal import CLibXML2

/// A safe, streaming XML parser over libxml2's SAX2 push interface.
///
/// No DTD is loaded, no entity is substituted, nothing is fetched from the network, and any
/// `<!DOCTYPE` stops the parse with ``SpreadsheetError/Problem/forbiddenDTD(part:)``. libxml2's
/// default depth limit (256) stops deeply nested documents.
final class XMLStreamParser {
    private let handler: any XMLEventHandler
    private let file: String
    private let part: String
    private var context: xmlParserCtxtPtr?
    fileprivate var error: SpreadsheetError?
    private var started = false

    init(handler: any XMLEventHandler, file: String, part: String) {
        self.handler = handler
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

    /// Feeds the next bytes of the document.
    func feed(_ bytes: UnsafeRawBufferPointer) throws(SpreadsheetError) {
        if bytes.isEmpty { return }
        var rest = bytes
        if !started {
            started = true
            // libxml2 detects the encoding (UTF-8, UTF-16 with BOM) from the first bytes.
            let head = min(4, rest.count)
            let ctx = rest.baseAddress!.withMemoryRebound(to: CChar.self, capacity: head) {
                xmlCreatePushParserCtxt(&Self.sax, Unmanaged.passUnretained(self).toOpaque(), $0, Int32(head), part)
            }
            guard let ctx else { throw fail("no se pudo crear el analizador XML", line: 0) }
            context = ctx
            xmlCtxtUseOptions(ctx, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue))
            rest = UnsafeRawBufferPointer(rebasing: rest[head...])
        }
        while !rest.isEmpty {
            let n = min(rest.count, 1 << 20)
            let status = rest.baseAddress!.withMemoryRebound(to: CChar.self, capacity: n) {
                xmlParseChunk(context, $0, Int32(n), 0)
            }
            try check(status)
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
    }

    /// Signals the end of the document.
    func finish() throws(SpreadsheetError) {
        guard started, let context else { throw fail("la parte está vacía", line: 0) }
        try check(xmlParseChunk(context, nil, 0, 1))
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
        if error == nil { error = SpreadsheetError(file: file, problem: problem) }
        if let context { xmlStopParser(context) }
    }

    fileprivate func stopIfHandlerFailed() {
        if handler.handlerError != nil, let context { xmlStopParser(context) }
    }

    fileprivate static func from(_ ctx: UnsafeMutableRawPointer?) -> XMLStreamParser {
        Unmanaged<XMLStreamParser>.fromOpaque(ctx!).takeUnretainedValue()
    }

    fileprivate var handlerRef: any XMLEventHandler { handler }
    fileprivate var partName: String { part }

    nonisolated(unsafe) static var sax: xmlSAXHandler = {
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            let parser = XMLStreamParser.from(ctx)
            guard parser.error == nil else { return }
            parser.handlerRef.startElement(
                XMLName(pointer: localname!),
                XMLAttributes(base: attributes, count: Int(nbAttributes)))
            parser.stopIfHandlerFailed()
        }
        sax.endElementNs = { ctx, localname, _, _ in
            let parser = XMLStreamParser.from(ctx)
            guard parser.error == nil else { return }
            parser.handlerRef.endElement(XMLName(pointer: localname!))
            parser.stopIfHandlerFailed()
        }
        let characters: charactersSAXFunc = { ctx, chars, length in
            let parser = XMLStreamParser.from(ctx)
            guard parser.error == nil, let chars else { return }
            parser.handlerRef.characters(UnsafeBufferPointer(start: chars, count: Int(length)))
        }
        sax.characters = characters
        sax.ignorableWhitespace = characters
        sax.cdataBlock = characters
        sax.internalSubset = { ctx, _, _, _ in
            let parser = XMLStreamParser.from(ctx)
            parser.record(.forbiddenDTD(part: parser.partName))
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            let parser = XMLStreamParser.from(ctx)
            if parser.error != nil { return }
            // Warnings do not stop a parse; only errors are reported.
            guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            var text = error.pointee.message.map { String(cString: $0) } ?? "error desconocido"
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            parser.record(.malformedXML(part: parser.partName, line: Int(error.pointee.line), detail: text))
        }
        return sax
    }()
}

extension String {
    fileprivate func trimmingCharacters(in _: CharacterSetLike) -> String {
        var s = Substring(self)
        while let c = s.last, c.isWhitespace { s.removeLast() }
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        return String(s)
    }
}

fileprivate enum CharacterSetLike { case whitespacesAndNewlines }
