/// How a number format shows a numeric cell: as a plain number, a date/time, or an elapsed time.
///
/// ```swift
/// NumberFormatKind.classify(id: 164, code: "yyyy\\-mm\\-dd")  // .date
/// NumberFormatKind.classify(id: 46, code: nil)                // .duration
/// ```
public enum NumberFormatKind: Sendable, Equatable {
    case number
    case date
    case duration

    /// Classifies a built-in format id or a custom format code.
    public static func classify(id: Int, code: String?) -> NumberFormatKind {
        if let code, id >= 164 || !builtinKnown(id) { return classify(code: code) }
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return .date
        case 46: return .duration
        default: return .number
        }
    }

    private static func builtinKnown(_ id: Int) -> Bool { id < 164 }

    /// Classifies a format code by its first section, ignoring quoted text, escapes, colours and locales.
    public static func classify(code: String) -> NumberFormatKind {
        let chars = Array(code.lowercased().unicodeScalars)
        var i = 0
        var sawDate = false
        while i < chars.count {
            let c = chars[i]
            switch c {
            case ";":
                return sawDate ? .date : .number
            case "\"":
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1
            case "[":
                var j = i + 1
                var inner = ""
                while j < chars.count && chars[j] != "]" {
                    inner.unicodeScalars.append(chars[j])
                    j += 1
                }
                if !inner.isEmpty && inner.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
                    return .duration
                }
                i = j
            case "g" where matches(chars, i, "general"):
                i += 6
            case "a" where matches(chars, i, "am/pm"):
                i += 4
            case "a" where matches(chars, i, "a/p"):
                i += 2
            case "y", "m", "d", "h", "s":
                sawDate = true
            default:
                break
            }
            i += 1
        }
        return sawDate ? .date : .number
    }

    private static func matches(_ chars: [Unicode.Scalar], _ at: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard at + w.count <= chars.count else { return false }
        for k in 0..<w.count where chars[at + k] != w[k] { return false }
        return true
    }
}
