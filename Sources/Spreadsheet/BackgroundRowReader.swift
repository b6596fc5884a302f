#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs another ``RowReader`` on a background thread and hands its rows over in batches through a
/// bounded queue, so that reading and the caller's work use two cores with bounded memory.
///
/// ```swift
/// let rows = BackgroundRowReader(try CSVReader(path: "Victimas.csv"))
/// while let row = try rows.next() { … }
/// ```
public final class BackgroundRowReader: RowReader {
    static let batchSize = 1024
    static let queueDepth = 2

    private final class Shared: @unchecked Sendable {
        let inner: any RowReader
        let queue = RowBatchQueue(depth: BackgroundRowReader.queueDepth)
        var warnings: [String] = []
        init(_ inner: any RowReader) { self.inner = inner }

        func run() {
            var batch: [Row] = []
            batch.reserveCapacity(BackgroundRowReader.batchSize)
            do {
                while let row = try inner.next() {
                    batch.append(row)
                    if batch.count >= BackgroundRowReader.batchSize {
                        guard queue.push(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                guard queue.push(batch) else { return }
                warnings = inner.warnings
                queue.finish(nil)
            } catch {
                _ = queue.push(batch)
                warnings = inner.warnings
                queue.finish(error)
            }
        }
    }

    private let shared: Shared
    private var thread: pthread_t?
    private var done = false

    public init(_ inner: any RowReader) {
        shared = Shared(inner)
        let shared = self.shared
        thread = spawnThread { shared.run() }
    }

    deinit {
        shared.queue.cancel()
        if let thread { pthread_join(thread, nil) }
    }

    /// Warnings of the inner reader, complete once ``next()`` has returned nil.
    public var warnings: [String] {
        if thread == nil { return shared.inner.warnings }
        return done ? shared.warnings : []
    }

    public func next() throws(SpreadsheetError) -> Row? {
        // Without a thread, read in place.
        guard thread != nil else { return try shared.inner.next() }
        let row = try shared.queue.next()
        if row == nil { done = true }
        return row
    }
}
