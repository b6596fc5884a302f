/// Parses ISO-8601 date and time text (`2017-03-05`, `2017-03-05T10:20:30.5Z`, `10:20`).
///
/// ```swift
/// ISODate.parse("2017-03-05")?.isoText  // "2017-03-05"
/// ```
public enum ISODate {
    public static func parse(_ text: String) -> LocalDateTime? {
        var t = text
        return t.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` over UTF-8 bytes (no `String` needed).
    public static func parse(utf8 s: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var n = 0
            for k in 0..<digits {
                let b = s[i + k]
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            i += digits
            return n
        }
        func expect(_ c: Unicode.Scalar) -> Bool {
            guard i < s.count, s[i] == UInt8(ascii: c) else { return false }
            i += 1
            return true
        }
        var result = LocalDateTime(year: 0, month: 0, day: 0)
        if s.count >= 10, s[4] == UInt8(ascii: "-") {
            guard let y = number(4), expect("-"), let m = number(2), expect("-"), let d = number(2),
                LocalDateTime.isValidDate(year: y, month: m, day: d)
            else { return nil }
            result.year = y
            result.month = m
            result.day = d
            if i == s.count { return result }
            guard expect("T") || expect(" ") else { return nil }
        } else {
            result.isTimeOnly = true
        }
        guard let h = number(2), h < 24, expect(":"), let mi = number(2), mi < 60 else { return nil }
        result.hour = h
        result.minute = mi
        if expect(":") {
            guard let sec = number(2), sec < 60 else { return nil }
            result.second = sec
            if expect(".") || expect(",") {
                var frac = 0.0
                var scale = 0.1
                while i < s.count, s[i] >= 48 && s[i] <= 57 {
                    frac += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                result.millisecond = min(999, Int((frac * 1000).rounded()))
            }
        }
        // A trailing zone designator is accepted and ignored (spreadsheet values have no zone).
        if i < s.count {
            let rest = s[i...]
            guard rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-")
            else { return nil }
        }
        return result
    }
}
