import Spreadsheet

/// JSON spelling of strings and cell values (the CLI's `--formato json` and the web API share it).
///
/// ```swift
/// JSONText.string("dijo \"sí\"")  // "\"dijo \\\"sí\\\"\""
/// ```
public enum JSONText {
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func number(_ n: Double) -> String {
        n.isFinite ? n.description : "null"
    }

    /// A computed figure: whole numbers without a decimal point, `null` when there is none.
    public static func figure(_ v: Double?) -> String {
        guard let v else { return "null" }
        if v == v.rounded(), let e = Int64(exactly: v) { return String(e) }
        return number(v)
    }

    public static func value(_ v: CellValue?) -> String {
        guard let v else { return "null" }
        switch v {
        case .number(let n): return number(n)
        case .bool(let b): return b ? "true" : "false"
        case .text, .date, .duration, .error: return string(v.normalizedText)
        }
    }
}
