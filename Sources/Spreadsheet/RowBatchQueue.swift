#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded queue of row batches between a producing thread and the reader's caller: the
/// producer waits while `depth` batches are pending; the consumer waits for the next one.
/// Abandoning the consumer cancels the producer.
final class RowBatchQueue: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var batches: [[Row]] = []
    private var finished = false
    private(set) var cancelled = false
    private var error: SpreadsheetError?
    private let depth: Int
    /// Never makes the producer wait (when producer and consumer share one thread).
    var unbounded = false
    /// The batch being handed out, and the position in it (consumer side only).
    private var current: [Row] = []
    private var position = 0

    init(depth: Int) {
        self.depth = depth
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// Producer: adds a batch, waiting while the queue is full. False once the consumer is gone.
    func push(_ batch: [Row]) -> Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while batches.count >= depth && !cancelled && !unbounded { pthread_cond_wait(&condition, &mutex) }
        if cancelled { return false }
        if !batch.isEmpty {
            batches.append(batch)
            pthread_cond_broadcast(&condition)
        }
        return true
    }

    /// Producer: no more batches (with the error that ended them, if any).
    func finish(_ failure: SpreadsheetError?) {
        pthread_mutex_lock(&mutex)
        error = failure
        finished = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Consumer: stops the producer.
    func cancel() {
        pthread_mutex_lock(&mutex)
        cancelled = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Consumer: the next row, nil at the end; rethrows the producer's error.
    func next() throws(SpreadsheetError) -> Row? {
        if position < current.count {
            defer { position += 1 }
            return current[position]
        }
        pthread_mutex_lock(&mutex)
        while batches.isEmpty && !finished { pthread_cond_wait(&condition, &mutex) }
        if !batches.isEmpty {
            current = batches.removeFirst()
            pthread_cond_broadcast(&condition)
            pthread_mutex_unlock(&mutex)
            position = 1
            return current[0]
        }
        let failure = error
        pthread_mutex_unlock(&mutex)
        if let failure { throw failure }
        return nil
    }

    /// Runs `body` on a new thread (1 MiB stack unless given); false if no thread could start.
    static func spawn(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) -> pthread_t? {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        defer { pthread_attr_destroy(&attributes) }
        var handle = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let started = pthread_create(
            &handle, &attributes,
            { raw in
                guard let raw else { return nil }
                Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, box)
        if started != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            return nil
        }
        return handle
    }
}
