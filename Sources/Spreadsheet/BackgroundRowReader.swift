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
        var mutex = pthread_mutex_t()
        var condition = pthread_cond_t()
        var batches: [[Row]] = []
        var finished = false
        var cancelled = false
        var error: SpreadsheetError?
        var warnings: [String] = []
        let inner: any RowReader

        init(_ inner: any RowReader) {
            self.inner = inner
            pthread_mutex_init(&mutex, nil)
            pthread_cond_init(&condition, nil)
        }

        deinit {
            pthread_cond_destroy(&condition)
            pthread_mutex_destroy(&mutex)
        }

        func push(_ batch: [Row]) -> Bool {
            pthread_mutex_lock(&mutex)
            defer { pthread_mutex_unlock(&mutex) }
            while batches.count >= BackgroundRowReader.queueDepth && !cancelled {
                pthread_cond_wait(&condition, &mutex)
            }
            if cancelled { return false }
            batches.append(batch)
            pthread_cond_broadcast(&condition)
            return true
        }

        func run() {
            var batch: [Row] = []
            batch.reserveCapacity(BackgroundRowReader.batchSize)
            var failure: SpreadsheetError?
            do {
                while let row = try inner.next() {
                    batch.append(row)
                    if batch.count >= BackgroundRowReader.batchSize {
                        guard push(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { guard push(batch) else { return } }
            } catch {
                if !batch.isEmpty { _ = push(batch) }
                failure = error
            }
            pthread_mutex_lock(&mutex)
            error = failure
            warnings = inner.warnings
            finished = true
            pthread_cond_broadcast(&condition)
            pthread_mutex_unlock(&mutex)
        }
    }

    private let shared: Shared
    private var thread: pthread_t?
    private var current: [Row] = []
    private var position = 0

    public init(_ inner: any RowReader) {
        shared = Shared(inner)
        var handle = pthread_t()
        let box = Unmanaged.passRetained(shared).toOpaque()
        let started = pthread_create(
            &handle, nil,
            { raw in
                let shared = Unmanaged<Shared>.fromOpaque(raw!).takeRetainedValue()
                shared.run()
                return nil
            }, box)
        if started == 0 {
            thread = handle
        } else {
            Unmanaged<Shared>.fromOpaque(box).release()
        }
    }

    deinit {
        pthread_mutex_lock(&shared.mutex)
        shared.cancelled = true
        pthread_cond_broadcast(&shared.condition)
        pthread_mutex_unlock(&shared.mutex)
        if let thread { pthread_join(thread, nil) }
    }

    /// Warnings of the inner reader, complete once ``next()`` has returned nil.
    public var warnings: [String] {
        guard thread != nil else { return shared.inner.warnings }
        pthread_mutex_lock(&shared.mutex)
        defer { pthread_mutex_unlock(&shared.mutex) }
        return shared.warnings
    }

    public func next() throws(SpreadsheetError) -> Row? {
        // Without a thread, read in place.
        guard thread != nil else { return try shared.inner.next() }
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
