#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exact powers of ten representable as doubles (Clinger's fast path).
private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// 5^0 … 5^22 (10^k = 5^k · 2^k).
private let powersOfFive: [UInt64] = [
    1, 5, 25, 125, 625, 3125,
    15625, 78125, 390625, 1_953_125, 9_765_625, 48_828_125,
    244_140_625, 1_220_703_125, 6_103_515_625, 30_517_578_125, 152_587_890_625, 762_939_453_125,
    3_814_697_265_625, 19_073_486_328_125, 95_367_431_640_625, 476_837_158_203_125, 2_384_185_791_015_625,
]

/// Parses the whole buffer as a C double (`1`, `-2.5`, `1E-3`), nil if anything is left over.
///
/// Plain decimals take a fast path: with at most 15 significant digits, Clinger's (an exact integer
/// divided by an exact power of ten is correctly rounded); with 16 to 19, an exact 128-bit division
/// (``exactDecimal(_:scale:)``). Everything else goes through `strtod`.
@inline(__always)
func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    if let fast = parsePlainDecimal(b) { return fast }
    var copy = Array(b)
    return parseDoubleSlow(&copy)
}

/// `-?digits(.digits)?` with at most 19 significant digits and 22 decimals, correctly rounded;
/// nil for anything else (left to `strtod`).
@inline(__always)
func parsePlainDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let n = b.count
    var negative = false
    if n > 0 && b[0] == UInt8(ascii: "-") {
        negative = true
        i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var seenDot = false
    guard i < n else { return nil }
    while i < n {
        let c = b[i]
        if c >= 48 && c <= 57 {
            if mantissa != 0 || c != 48 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(c &- 48)
            if seenDot { fraction += 1 }
        } else if c == UInt8(ascii: ".") && !seenDot {
            seenDot = true
        } else {
            return nil
        }
        i += 1
    }
    guard digits <= 19, fraction <= 22, !(seenDot && n == (negative ? 2 : 1)) else { return nil }
    let value = digits <= 15 ? Double(mantissa) / powersOfTen[fraction] : exactDecimal(mantissa, scale: fraction)
    return negative ? -value : value
}

/// `m / 10^k` correctly rounded (round half to even), for any 64-bit `m` and `k` ≤ 22: the quotient
/// `m · 2^s / 5^k` is taken to 63–64 bits by one 128-by-64-bit division, then rounded to 53 bits
/// with its remainder as the sticky bit.
func exactDecimal(_ m: UInt64, scale k: Int) -> Double {
    guard m != 0 else { return 0 }
    let p = powersOfFive[k]
    let mBits = 64 - m.leadingZeroBitCount
    let pBits = 64 - p.leadingZeroBitCount
    let s = 63 - mBits + pBits
    let high: UInt64
    let low: UInt64
    if s == 0 {
        (high, low) = (0, m)
    } else if s < 64 {
        (high, low) = (m >> (64 - s), m << s)
    } else {
        (high, low) = (m << (s - 64), 0)
    }
    let (q, remainder) = p.dividingFullWidth((high: high, low: low))
    let bits = 64 - q.leadingZeroBitCount
    var drop = bits - 53
    var r = q >> drop
    let rest = q & ((1 << drop) - 1)
    let half: UInt64 = 1 << (drop - 1)
    if rest > half || (rest == half && (remainder != 0 || r & 1 == 1)) {
        r += 1
        if r == 1 << 53 {
            r >>= 1
            drop += 1
        }
    }
    return Double(sign: .plus, exponent: drop - s - k, significand: Double(r))
}

/// `strtod` over the bytes (XML whitespace after the number trimmed); nil unless all of them are a
/// finite number.
private func parseDoubleSlow(_ bytes: inout [UInt8]) -> Double? {
    // Trim XML whitespace around the number.
    while let last = bytes.last, last == 32 || last == 9 || last == 10 || last == 13 { bytes.removeLast() }
    bytes.append(0)
    defer { bytes.removeLast() }
    return bytes.withUnsafeBufferPointer { buf -> Double? in
        guard let base = buf.baseAddress else { return nil }
        let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        var end: UnsafeMutablePointer<CChar>?
        let value = strtod(start, &end)
        guard let end, end != UnsafeMutablePointer(mutating: start), end.pointee == 0 else { return nil }
        // strtod accepts "inf", "nan" and hex floats, which are not Excel numbers.
        guard value.isFinite else { return nil }
        return value
    }
}
