import Foundation

/// How many threads the use-cases may use: every core, or `INFORME_HILOS` (1 runs everything serially,
/// which gives the same outputs, byte for byte; the tests compare both).
///
/// ```swift
/// let n = Paralelismo.hilos  // 2 on a two-core machine
/// ```
public enum Paralelismo {
    public static var hilos: Int {
        // `getenv`, not `ProcessInfo.environment`, which builds a dictionary of the whole environment.
        if let texto = getenv("INFORME_HILOS").map({ String(cString: $0) }), let n = Int(texto), n >= 1 {
            return min(n, 64)
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
