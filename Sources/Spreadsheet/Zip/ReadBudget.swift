#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The total work one file may cost: bytes inflated and XML events across all of its parts, and a
/// fixed cost for each part opened.
///
/// Per-entry limits alone let a small file make the reader inflate one large part many times (many
/// sheets naming the same part); the budget bounds the whole file. It is shared by the background
/// threads that read the file's sheets.
///
/// ```swift
/// let budget = ReadBudget(limits: ZipLimits())
/// if let problem = budget.charge(bytes: 4096, events: 0) { throw SpreadsheetError(file: f, problem: problem) }
/// ```
public final class ReadBudget: @unchecked Sendable {
    public let maxBytes: Int
    public let maxEvents: Int
    private var bytes = 0
    private var events = 0
    private var lock = pthread_mutex_t()

    public init(limits: ZipLimits) {
        maxBytes = limits.maxTotalSize
        maxEvents = limits.maxTotalXMLEvents
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    /// Adds work; returns the problem to report once the budget is spent (and on every later call).
    public func charge(bytes moreBytes: Int, events moreEvents: Int) -> SpreadsheetError.Problem? {
        pthread_mutex_lock(&lock)
        bytes = min(bytes &+ max(0, moreBytes), Int.max / 2)
        events = min(events &+ max(0, moreEvents), Int.max / 2)
        let (b, e) = (bytes, events)
        pthread_mutex_unlock(&lock)
        if b > maxBytes {
            return .workLimit(
                detail: "entre todas sus partes habría que descomprimir más de \(formatBytes(maxBytes))")
        }
        if e > maxEvents {
            return .workLimit(
                detail: "entre todas sus partes tiene más de \(groupDigits(maxEvents)) elementos y textos XML")
        }
        return nil
    }
}

/// `100000000` → `100,000,000`.
func groupDigits(_ n: Int) -> String {
    var digits = String(n)
    var parts: [String] = []
    while digits.count > 3 {
        parts.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    parts.insert(digits, at: 0)
    return parts.joined(separator: ",")
}
