#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams a worksheet's rows. The XML is parsed on a background thread (fed by the inflating
/// thread of ``PrefetchingStream``) and handed over in small batches through a bounded queue, so
/// inflating, parsing and the caller's own work run on separate cores with bounded memory.
final class XLSXRowReader: RowReader {
    static let queueDepth = 4

    private final class Shared: @unchecked Sendable {
        let parser: any XMLPartParser
        let handler: RowEventHandler
        let source: () throws(SpreadsheetError) -> [UInt8]?
        let queue = RowBatchQueue(depth: XLSXRowReader.queueDepth)

        init(
            parser: any XMLPartParser, handler: RowEventHandler,
            source: @escaping () throws(SpreadsheetError) -> [UInt8]?
        ) {
            self.parser = parser
            self.handler = handler
            self.source = source
        }

        /// The first inflated chunk (256 KiB, some 500 rows) reaches the parser in slices of this many
        /// bytes, and the finished rows are handed over after each: the caller starts on the first rows
        /// while the rest is parsed. Later chunks go whole (the caller is busy by then, and slicing every
        /// chunk cost a large sheet a tenth of its reading time in copies and hand-overs).
        static let slice = 32 << 10
        private var first: [UInt8] = []
        private var offset = 0
        private var sliced = false

        /// The source's chunks, the first one in slices of at most ``slice`` bytes.
        func nextSlice() throws(SpreadsheetError) -> [UInt8]? {
            if !sliced {
                sliced = true
                guard let chunk = try source() else { return nil }
                if chunk.count <= Self.slice { return chunk }
                first = chunk
            }
            if offset < first.count {
                let end = min(offset + Self.slice, first.count)
                defer {
                    offset = end
                    if end == first.count { first = [] }
                }
                return Array(first[offset..<end])
            }
            return try source()
        }

        /// Moves the handler's completed rows to the queue; false when the reader was abandoned.
        func publish() -> Bool {
            var rows: [Row] = []
            handler.takeRows(into: &rows)
            return queue.push(rows)
        }

        /// Parses the whole part on the calling thread, keeping every batch for the caller.
        func runHere() {
            queue.unbounded = true
            run()
        }

        func run() {
            do {
                try parser.parse(reading: nextSlice, beforeRead: { [unowned self] in self.publish() })
                if queue.cancelled { return }
                _ = publish()
                queue.finish(nil)
            } catch {
                queue.finish(error)
            }
        }
    }

    private let shared: Shared?
    private var thread: pthread_t?
    var warnings: [String] { [] }

    /// A reader with no rows (chart sheets).
    static var empty: XLSXRowReader { XLSXRowReader() }

    private init() { shared = nil }

    /// A sheet part at most this large (uncompressed, as its entry declares and its stream enforces) is
    /// parsed at once on the caller's thread: starting the inflating and parsing threads costs more
    /// than reading it (an Identificacion sheet of a few rows), and its rows are few.
    static let inlineLimit = 256 << 10

    /// Reads the sheet part `stream` inflates: at once when it declares at most ``inlineLimit`` bytes,
    /// else on two background threads.
    convenience init(stream: ZipEntryStream, declaredSize: Int, parser: any XMLPartParser, handler: RowEventHandler) {
        if declaredSize <= Self.inlineLimit {
            self.init(inline: stream, parser: parser, handler: handler)
        } else {
            let source = PrefetchingStream(stream)
            self.init(
                source: { () throws(SpreadsheetError) -> [UInt8]? in try source.next() }, parser: parser,
                handler: handler)
        }
    }

    private init(inline stream: ZipEntryStream, parser: any XMLPartParser, handler: RowEventHandler) {
        let shared = Shared(parser: parser, handler: handler, source: stream.next)
        self.shared = shared
        shared.runHere()
    }

    private init(
        source: @escaping () throws(SpreadsheetError) -> [UInt8]?, parser: any XMLPartParser,
        handler: RowEventHandler
    ) {
        let shared = Shared(parser: parser, handler: handler, source: source)
        self.shared = shared
        // libxml2 recurses per nesting level (bounded at 256 by the parser): 4 MiB is plenty.
        thread = spawnThread(stackSize: 4 << 20) { shared.run() }
        // No second thread available: parse here, now.
        if thread == nil { shared.runHere() }
    }

    deinit {
        shared?.queue.cancel()
        if let thread { pthread_join(thread, nil) }
    }

    func next() throws(SpreadsheetError) -> Row? {
        guard let shared else { return nil }
        return try shared.queue.next()
    }
}
