/// A calendar date and/or time of day with no time zone, as spreadsheets store them.
///
/// ```swift
/// let d = LocalDateTime(excelSerial: 44197, system: .date1900)
/// print(d?.isoText ?? "")  // 2021-01-01
/// ```
public struct LocalDateTime: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int
    /// True when the value is a time of day with no date (an Excel serial below 1).
    public var isTimeOnly: Bool

    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0, isTimeOnly: Bool = false
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
        self.isTimeOnly = isTimeOnly
    }

    /// `YYYY-MM-DD` at midnight, `YYYY-MM-DDTHH:MM:SS[.mmm]` otherwise, `HH:MM:SS[.mmm]` for a time.
    public var isoText: String {
        var time = pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if millisecond != 0 { time += "." + pad(millisecond, 3) }
        if isTimeOnly { return time }
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if hour == 0 && minute == 0 && second == 0 && millisecond == 0 { return date }
        return date + "T" + time
    }

    /// Milliseconds since midnight.
    public var millisecondOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1000 + millisecond }

    /// Days since 1970-01-01 of the date part (proleptic Gregorian).
    public var daysSinceEpoch: Int { Self.daysFromCivil(year, month, day) }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.year, a.month, a.day, a.millisecondOfDay) < (b.year, b.month, b.day, b.millisecondOfDay)
    }

    /// Whether the components name a real calendar day.
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Howard Hinnant's days_from_civil.
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Howard Hinnant's civil_from_days.
    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
