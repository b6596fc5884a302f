/// A growable run of plain values (bytes, pointers, small structs without references) in memory its
/// owner allocates and frees itself: the XML scanner's buffers, with no copy-on-write check or
/// reference counting in the hot path.
///
/// ```swift
/// var bytes = ScratchBuffer<UInt8>(capacity: 256)
/// bytes.reserve(1024, keeping: 0)   // room for 1024, nothing to keep
/// bytes.base[0] = 0x3C
/// bytes.free()
/// ```
struct ScratchBuffer<T> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Room for at least `needed` values (at least doubling when it grows), keeping the first
    /// `keeping` as they are.
    @inline(__always)
    mutating func reserve(_ needed: Int, keeping: Int) {
        guard needed > capacity else { return }
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: grown)
        if keeping > 0 { bigger.moveInitialize(from: base, count: keeping) }
        base.deallocate()
        base = bigger
        capacity = grown
    }

    /// Gives the memory back; the buffer must not be used afterwards.
    func free() { base.deallocate() }
}
