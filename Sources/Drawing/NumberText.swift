/// A number with its thousands grouped by `,` and `decimals` digits after a `.`, as Mexican
/// publications write it.
///
/// ```swift
/// groupedNumber(12345.678, decimals: 1)  // "12,345.7"
/// groupedNumber(-1500, decimals: 0)      // "-1,500"
/// ```
public func groupedNumber(_ n: Double, decimals: Int) -> String {
    // Past 15 digits a double has no exact units to group: write it as it is.
    guard n.isFinite, abs(n) < 1e15 else { return n.isFinite ? n.description : "—" }
    let factor = (0..<decimals).reduce(1.0) { v, _ in v * 10 }
    let r = (n * factor).rounded() / factor
    let whole = Int64(abs(r).rounded(.down))
    var digits = String(whole)
    var parts: [String] = []
    while digits.count > 3 {
        parts.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    parts.insert(digits, at: 0)
    var text = (r < 0 ? "-" : "") + parts.joined(separator: ",")
    if decimals > 0 {
        let f = String(Int64(((abs(r) - Double(whole)) * factor).rounded()))
        text += "." + String(repeating: "0", count: max(0, decimals - f.count)) + f
    }
    return text
}
