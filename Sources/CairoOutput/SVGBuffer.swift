import Drawing

/// The bytes of an SVG document as it is written: markup, numbers with a fixed number of decimals
/// (trailing zeros dropped, no exponent, no locale), colours and escaped attribute text, without
/// `printf` or Foundation (a chart has some thousands of numbers).
///
/// ```swift
/// var b = SVGBuffer()
/// b.append("<rect x=\"")
/// b.number(12.5, decimals: 2)  // 12.5
/// b.append("\"/>")
/// ```
struct SVGBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: SVGBuffer) { bytes.append(contentsOf: other.bytes) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let v = value.magnitude
        var divisor: UInt = 1
        while divisor <= v / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(48 + (v / divisor) % 10))
            divisor /= 10
        }
    }

    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000]

    /// `value` rounded to `decimals` (0 to 4) places: `-3.25`, `0`, `1200`. A value that is not finite,
    /// or beyond what a drawing holds (a billion points), is written as 0.
    mutating func number(_ value: Double, decimals: Int) {
        let places = min(max(decimals, 0), 4)
        let scale = Self.scales[places]
        guard value.isFinite, abs(value) < 1e9 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        let scaled = Int((abs(value) * scale).rounded())
        guard scaled != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let unit = Int(scale)
        integer(scaled / unit)
        var fraction = scaled % unit
        guard fraction != 0 else { return }
        var width = places
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(48 + (fraction / divisor) % 10))
            divisor /= 10
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `#rrggbb` (the alpha is written apart, as an opacity).
    mutating func color(_ c: Color) {
        bytes.append(UInt8(ascii: "#"))
        for channel in [c.red, c.green, c.blue] {
            let v = Int((min(max(channel, 0), 1) * 255).rounded())
            bytes.append(Self.hex[v >> 4])
            bytes.append(Self.hex[v & 15])
        }
    }

    /// `text` inside a double-quoted attribute: markup characters escaped, control characters (not
    /// allowed in XML) as spaces.
    mutating func escaped(_ text: String) {
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case 0..<32, 127: bytes.append(UInt8(ascii: " "))
            default: bytes.append(b)
            }
        }
    }
}
