#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Inflates a ZIP entry on a second thread while the caller parses the previous chunks, so that
/// inflating and XML parsing overlap on two cores. At most ``depth`` chunks wait in between,
/// which keeps memory bounded.
///
/// (POSIX threads rather than Foundation: Foundation's bundled ICU clashes with libxml2's headers.)
final class PrefetchingStream: @unchecked Sendable {
    static let depth = 4

    fileprivate final class State: @unchecked Sendable {
        var mutex = pthread_mutex_t()
        var condition = pthread_cond_t()
        var queue: [[UInt8]] = []
        var head = 0
        var finished = false
        var error: SpreadsheetError?
        var cancelled = false
        let stream: ZipEntryStream

        init(_ stream: ZipEntryStream) {
            self.stream = stream
            pthread_mutex_init(&mutex, nil)
            pthread_cond_init(&condition, nil)
        }

        deinit {
            pthread_cond_destroy(&condition)
            pthread_mutex_destroy(&mutex)
        }

        var waiting: Int { queue.count - head }

        /// The producer loop, run on its own thread.
        func produce() {
            while true {
                var item: [UInt8]?
                var failure: SpreadsheetError?
                do {
                    item = try stream.next()
                } catch {
                    failure = error
                }
                pthread_mutex_lock(&mutex)
                while waiting >= PrefetchingStream.depth && !cancelled { pthread_cond_wait(&condition, &mutex) }
                if cancelled {
                    pthread_mutex_unlock(&mutex)
                    return
                }
                if let item {
                    if !item.isEmpty {
                        if head > 0 && head == queue.count {
                            queue.removeAll(keepingCapacity: true)
                            head = 0
                        }
                        queue.append(item)
                    }
                } else {
                    error = failure
                    finished = true
                }
                let done = finished
                pthread_cond_broadcast(&condition)
                pthread_mutex_unlock(&mutex)
                if done { return }
            }
        }
    }

    private let state: State
    private var thread = pthread_t()

    init(_ stream: ZipEntryStream) {
        state = State(stream)
        let box = Unmanaged.passRetained(state).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 1 << 20)
        let started = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                let state = Unmanaged<State>.fromOpaque(raw).takeRetainedValue()
                state.produce()
                return nil
            }, box)
        pthread_attr_destroy(&attributes)
        if started != 0 {
            // No second thread: produce everything lazily is not possible here, so run inline.
            let state = Unmanaged<State>.fromOpaque(box).takeRetainedValue()
            state.cancelled = false
            runInline = true
        }
    }

    private var runInline = false

    deinit {
        pthread_mutex_lock(&state.mutex)
        state.cancelled = true
        pthread_cond_broadcast(&state.condition)
        pthread_mutex_unlock(&state.mutex)
        if !runInline { pthread_join(thread, nil) }
    }

    /// The next chunk, or nil at the end; rethrows the producer's error.
    func next() throws(SpreadsheetError) -> [UInt8]? {
        if runInline { return try state.stream.next() }
        pthread_mutex_lock(&state.mutex)
        defer { pthread_mutex_unlock(&state.mutex) }
        while state.waiting == 0 && !state.finished { pthread_cond_wait(&state.condition, &state.mutex) }
        if state.waiting > 0 {
            let chunk = state.queue[state.head]
            state.queue[state.head] = []
            state.head += 1
            pthread_cond_broadcast(&state.condition)
            return chunk
        }
        if let error = state.error { throw error }
        return nil
    }
}
