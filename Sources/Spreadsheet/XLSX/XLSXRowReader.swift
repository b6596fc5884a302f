/// Feeds a worksheet part through the XML parser as rows are asked for.
final class XLSXRowReader: RowReader {
    private let source: PrefetchingStream?
    private let parser: XMLStreamParser?
    private let handler: SheetHandler?
    private var buffer: [Row] = []
    private var position = 0
    private var done = false
    var warnings: [String] { [] }

    static var empty: XLSXRowReader { XLSXRowReader() }

    private init() {
        source = nil
        parser = nil
        handler = nil
        done = true
    }

    init(source: PrefetchingStream, parser: XMLStreamParser, handler: SheetHandler) {
        self.source = source
        self.parser = parser
        self.handler = handler
    }

    func next() throws(SpreadsheetError) -> Row? {
        while position >= buffer.count {
            guard !done, let source, let parser, let handler else { return nil }
            buffer.removeAll(keepingCapacity: true)
            position = 0
            if let chunk = try source.next() {
                try chunk.withBytes { b throws(SpreadsheetError) in try parser.feed(b) }
            } else {
                try parser.finish()
                done = true
            }
            handler.takeRows(into: &buffer)
        }
        defer { position += 1 }
        return buffer[position]
    }
}
