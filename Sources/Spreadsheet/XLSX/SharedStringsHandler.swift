/// Reads `sharedStrings.xml` once: each `<si>` as one string (rich-text runs joined, phonetic
/// runs skipped, `_xHHHH_` escapes decoded).
final class SharedStringsHandler: XMLEventHandler {
    var strings: [String] = []
    private var buffer: [UInt8] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") {
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        } else if name.is("t") {
            inText = inItem && phoneticDepth == 0
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("sst"), let count = attributes.string("uniqueCount").flatMap({ Int($0) }) {
            // Trust the count only as a hint, bounded, so a lying header cannot reserve gigabytes.
            strings.reserveCapacity(min(count, 1 << 20))
        }
    }

    override func endElement(_ name: XMLName) {
        if name.is("si") {
            strings.append(buffer.withUnsafeBufferPointer { decodeOOXMLEscapes($0) })
            inItem = false
        } else if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        }
    }

    override func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { buffer.append(contentsOf: text) }
    }
}

/// Decodes OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return, `_x005F_` a literal `_`).
func decodeOOXMLEscapes(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.count >= 7, bytes.contains(UInt8(ascii: "_")) else { return String(decoding: bytes, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    func hex(_ b: UInt8) -> UInt32? {
        switch b {
        case 48...57: return UInt32(b - 48)
        case 65...70: return UInt32(b - 55)
        case 97...102: return UInt32(b - 87)
        default: return nil
        }
    }
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count,
            bytes[i + 1] == UInt8(ascii: "x") || bytes[i + 1] == UInt8(ascii: "X"),
            bytes[i + 6] == UInt8(ascii: "_"),
            let a = hex(bytes[i + 2]), let b = hex(bytes[i + 3]), let c = hex(bytes[i + 4]), let d = hex(bytes[i + 5]),
            let scalar = Unicode.Scalar(a << 12 | b << 8 | c << 4 | d)
        {
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            i += 7
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
