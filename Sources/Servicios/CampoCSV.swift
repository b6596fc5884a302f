/// One CSV field as RFC 4180 writes it: quoted, with its quotes doubled, when it has a comma, a quote
/// or a line break; as it is otherwise. Looks at bytes, so the common case costs one pass.
///
/// ```swift
/// campoCSV("Jalisco")         // Jalisco
/// campoCSV("total, nacional") // "total, nacional"
/// ```
func campoCSV(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
    var out = "\""
    for ch in s.unicodeScalars {
        if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
    }
    return out + "\""
}
