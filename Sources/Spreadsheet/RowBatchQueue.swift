#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded queue of row batches between a producing thread and the reader's caller: the
/// producer waits while `depth` batches are pending; the consumer waits for the next one.
/// Abandoning the consumer cancels the producer.
final class RowBatchQueue: @unchecked Sendable {
    private let handoff: HandoffQueue<[Row]>
    private let depth: Int
    /// The batch being handed out, and the position in it (consumer side only).
    private var current: [Row] = []
    private var position = 0

    init(depth: Int) {
        self.depth = depth
        handoff = HandoffQueue(limit: depth)
    }

    /// Never makes the producer wait (when producer and consumer share one thread).
    var unbounded: Bool {
        get { handoff.limit == nil }
        set { handoff.limit = newValue ? nil : depth }
    }

    var cancelled: Bool { handoff.cancelled }

    /// Producer: adds a batch, waiting while the queue is full. False once the consumer is gone.
    func push(_ batch: [Row]) -> Bool {
        batch.isEmpty ? !handoff.cancelled : handoff.push(batch)
    }

    /// Producer: no more batches (with the error that ended them, if any).
    func finish(_ failure: SpreadsheetError?) { handoff.finish(failure) }

    /// Consumer: stops the producer.
    func cancel() { handoff.cancel() }

    /// Consumer: the next row, nil at the end; rethrows the producer's error.
    func next() throws(SpreadsheetError) -> Row? {
        while position >= current.count {
            guard let batch = try handoff.take() else { return nil }
            current = batch
            position = 0
        }
        defer { position += 1 }
        return current[position]
    }
}
