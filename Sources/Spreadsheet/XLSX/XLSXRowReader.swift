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

    fileprivate final class Shared: @unchecked Sendable {
        var mutex = pthread_mutex_t()
        var condition = pthread_cond_t()
        var batches: [[Row]] = []
        var finished = false
        var cancelled = false
        var error: SpreadsheetError?
        let parser: XMLStreamParser?
        let handler: SheetHandler?
        let source: PrefetchingStream?

        init(parser: XMLStreamParser?, handler: SheetHandler?, source: PrefetchingStream?) {
            self.parser = parser
            self.handler = handler
            self.source = source
            pthread_mutex_init(&mutex, nil)
            pthread_cond_init(&condition, nil)
        }

        deinit {
            pthread_cond_destroy(&condition)
            pthread_mutex_destroy(&mutex)
        }

        /// Moves the handler's completed rows to the queue, waiting while it is full.
        /// Returns false when the reader was abandoned.
        func publish() -> Bool {
            var rows: [Row] = []
            handler?.takeRows(into: &rows)
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            while batches.count >= XLSXRowReader.queueDepth && !cancelled { pthread_cond_wait(&condition, &mutex) }
            if cancelled { return false }
            if !rows.isEmpty {
                batches.append(rows)
                pthread_cond_broadcast(&condition)
            }
            return true
        }

        func run() {
            guard let parser, let source else { return }
            var failure: SpreadsheetError?
            do {
                try parser.parse(reading: source.next, beforeRead: { [unowned self] in self.publish() })
                _ = publish()
            } catch {
                failure = error
            }
            pthread_mutex_lock(&mutex)
            error = failure
            finished = true
            pthread_cond_broadcast(&condition)
            pthread_mutex_unlock(&mutex)
        }
    }

    private let shared: Shared
    private var thread: pthread_t?
    private var current: [Row] = []
    private var position = 0
    var warnings: [String] { [] }

    /// A reader with no rows (chart sheets).
    static var empty: XLSXRowReader { XLSXRowReader() }

    private init() {
        shared = Shared(parser: nil, handler: nil, source: nil)
        shared.finished = true
    }

    init(source: PrefetchingStream, parser: XMLStreamParser, handler: SheetHandler) {
        shared = Shared(parser: parser, handler: handler, source: source)
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // libxml2 recurses per nesting level (bounded at 256 by the parser): 4 MiB is plenty.
        pthread_attr_setstacksize(&attributes, 4 << 20)
        var handle = pthread_t()
        let box = Unmanaged.passRetained(shared).toOpaque()
        let started = pthread_create(
            &handle, &attributes,
            { raw in
                let shared = Unmanaged<Shared>.fromOpaque(raw!).takeRetainedValue()
                shared.run()
                return nil
            }, box)
        pthread_attr_destroy(&attributes)
        if started == 0 {
            thread = handle
        } else {
            // No second thread available: parse here, now (rows are then all queued at once).
            Unmanaged<Shared>.fromOpaque(box).release()
            shared.cancelled = false
            let shared = self.shared
            var failure: SpreadsheetError?
            var all: [Row] = []
            do {
                try parser.parse(
                    reading: source.next,
                    beforeRead: {
                        var rows: [Row] = []
                        handler.takeRows(into: &rows)
                        all += rows
                        return true
                    })
                var rows: [Row] = []
                handler.takeRows(into: &rows)
                all += rows
            } catch {
                failure = error
            }
            shared.batches = [all]
            shared.error = failure
            shared.finished = true
        }
    }

    deinit {
        pthread_mutex_lock(&shared.mutex)
        shared.cancelled = true
        pthread_cond_broadcast(&shared.condition)
        pthread_mutex_unlock(&shared.mutex)
        if let thread { pthread_join(thread, nil) }
    }

    func next() throws(SpreadsheetError) -> Row? {
        if position < current.count {
            defer { position += 1 }
            return current[position]
        }
        pthread_mutex_lock(&shared.mutex)
        while shared.batches.isEmpty && !shared.finished { pthread_cond_wait(&shared.condition, &shared.mutex) }
        if !shared.batches.isEmpty {
            current = shared.batches.removeFirst()
            pthread_cond_broadcast(&shared.condition)
            pthread_mutex_unlock(&shared.mutex)
            position = 1
            return current[0]
        }
        let error = shared.error
        pthread_mutex_unlock(&shared.mutex)
        if let error { throw error }
        return nil
    }
}
