#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Items handed in order from a producing thread to a consumer: the producer waits while `limit`
/// items are pending, the consumer waits for the next one; the producer's end (with its error) and
/// the consumer's cancellation reach the other side.
///
/// ```swift
/// let queue = HandoffQueue<[Row]>(limit: 2)
/// // producer: _ = queue.push(batch); queue.finish(nil)
/// // consumer: while let batch = try queue.take() { … }
/// ```
final class HandoffQueue<Item>: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    private var items: [Item] = []
    private var finished = false
    private var cancelledFlag = false
    private var error: SpreadsheetError?
    /// Most items waiting; nil never makes the producer wait.
    private var limitValue: Int?

    init(limit: Int?) {
        limitValue = limit
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return body()
    }

    var limit: Int? {
        get { locked { limitValue } }
        set {
            locked {
                limitValue = newValue
                pthread_cond_broadcast(&condition)
            }
        }
    }

    var cancelled: Bool { locked { cancelledFlag } }

    /// Producer: adds an item, waiting while the queue is full. False once the consumer is gone.
    func push(_ item: Item) -> Bool {
        locked {
            while let l = limitValue, items.count >= l, !cancelledFlag { pthread_cond_wait(&condition, &mutex) }
            if cancelledFlag { return false }
            items.append(item)
            pthread_cond_broadcast(&condition)
            return true
        }
    }

    /// Producer: no more items (with the error that ended them, if any).
    func finish(_ failure: SpreadsheetError?) {
        locked {
            error = failure
            finished = true
            pthread_cond_broadcast(&condition)
        }
    }

    /// Consumer: stops the producer.
    func cancel() {
        locked {
            cancelledFlag = true
            pthread_cond_broadcast(&condition)
        }
    }

    /// Consumer: the next item, waiting for it; nil at the end, or the producer's error once the
    /// items before it are taken.
    func take() throws(SpreadsheetError) -> Item? {
        let (item, failure): (Item?, SpreadsheetError?) = locked {
            while items.isEmpty && !finished && !cancelledFlag { pthread_cond_wait(&condition, &mutex) }
            if !items.isEmpty {
                pthread_cond_broadcast(&condition)
                return (items.removeFirst(), nil)
            }
            return (nil, error)
        }
        if let failure { throw failure }
        return item
    }

    /// Whatever is waiting, without waiting (nil when nothing is).
    func takeIfReady() -> Item? {
        locked {
            guard !items.isEmpty else { return nil }
            pthread_cond_broadcast(&condition)
            return items.removeFirst()
        }
    }
}

/// Runs `body` on a new thread (1 MiB stack unless given); nil if no thread could start.
func spawnThread(stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) -> pthread_t? {
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
