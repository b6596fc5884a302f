#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// XML declarations libxml2 found valid, shared by the threads that read sheets (at most 64: a
/// hostile file cannot make it grow).
final class ValidDeclarations: @unchecked Sendable {
    private var known: Set<[UInt8]> = []
    private var lock = pthread_mutex_t()

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    func contains(_ d: [UInt8]) -> Bool {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return known.contains(d)
    }

    func insert(_ d: [UInt8]) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if known.count < 64 { known.insert(d) }
    }
}
