/// The epoch a workbook counts its date serials from.
///
/// ```swift
/// let d = DateSystem.date1904.dateTime(fromSerial: 0)  // 1904-01-01, shown as a time of day
/// ```
public enum DateSystem: Sendable {
    /// Serial 1 is 1900-01-01, with Lotus 1-2-3's phantom 1900-02-29 (serial 60).
    case date1900
    /// Serial 0 is 1904-01-01 (older Mac Excel).
    case date1904

    /// Converts an Excel serial to a calendar value; `nil` when out of Excel's range.
    public func dateTime(fromSerial serial: Double) -> LocalDateTime? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Round to the millisecond first so 0.99999999 does not print as 23:59:59.999.
        let totalMs = (serial * 86_400_000).rounded()
        var days = Int(totalMs / 86_400_000)
        var msOfDay = Int(totalMs - Double(days) * 86_400_000)
        if msOfDay < 0 {
            days -= 1
            msOfDay += 86_400_000
        }
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60_000 % 60
        let second = msOfDay / 1000 % 60
        let ms = msOfDay % 1000
        if days == 0 {
            return LocalDateTime(
                year: 0, month: 0, day: 0, hour: hour, minute: minute, second: second,
                millisecond: ms, isTimeOnly: true)
        }
        let epochDays: Int
        switch self {
        case .date1904:
            epochDays = LocalDateTime.daysFromCivil(1904, 1, 1) + days
        case .date1900:
            if days == 60 {
                return LocalDateTime(
                    year: 1900, month: 2, day: 29, hour: hour, minute: minute, second: second,
                    millisecond: ms)
            }
            // Before the phantom leap day serial 1 is 1900-01-01; after it everything shifts by one.
            epochDays = LocalDateTime.daysFromCivil(1899, 12, days < 60 ? 31 : 30) + days
        }
        let (y, m, d) = LocalDateTime.civilFromDays(epochDays)
        return LocalDateTime(
            year: y, month: m, day: d, hour: hour, minute: minute, second: second, millisecond: ms)
    }
}
