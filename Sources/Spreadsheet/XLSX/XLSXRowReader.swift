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
        let source: PrefetchingStream
        let queue = RowBatchQueue(depth: XLSXRowReader.queueDepth)

        init(parser: any XMLPartParser, handler: RowEventHandler, source: PrefetchingStream) {
            self.parser = parser
            self.handler = handler
            self.source = source
        }

        /// Moves the handler's completed rows to the queue; false when the reader was abandoned.
        func publish() -> Bool {
            var rows: [Row] = []
            handler.takeRows(into: &rows)
            return queue.push(rows)
        }

        func run() {
            do {
                try parser.parse(reading: source.next, beforeRead: { [unowned self] in self.publish() })
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

    init(source: PrefetchingStream, parser: any XMLPartParser, handler: RowEventHandler) {
        let shared = Shared(parser: parser, handler: handler, source: source)
        self.shared = shared
        // libxml2 recurses per nesting level (bounded at 256 by the parser): 4 MiB is plenty.
        thread = spawnThread(stackSize: 4 << 20) { shared.run() }
        if thread == nil {
            // No second thread available: parse here, now, keeping every batch.
            shared.queue.unbounded = true
            shared.run()
        }
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
