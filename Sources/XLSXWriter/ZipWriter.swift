internal import CZlibSystem

/// Writes a ZIP archive in memory: deflated entries with CRC-32, fixed timestamps (deterministic).
///
/// ```swift
/// var zip = ZipWriter()
/// zip.add("hola.txt", Array("hola".utf8))
/// let bytes = zip.finish()
/// ```
public struct ZipWriter: Sendable {
    private var output: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds an entry, deflated (level 6).
    public mutating func add(_ name: String, _ data: [UInt8]) {
        let compressed = Self.deflate(data)
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let offset = UInt32(output.count)
        let nameBytes = Array(name.utf8)
        // DOS date 1980-01-01 00:00 so the same content gives the same bytes.
        let time: UInt16 = 0
        let date: UInt16 = (0 << 9) | (1 << 5) | 1
        func header(_ a: inout [UInt8], central: Bool) {
            Self.u32(central ? 0x0201_4B50 : 0x0403_4B50, &a)
            if central { Self.u16(20, &a) }
            Self.u16(20, &a)
            Self.u16(0x0800, &a)  // UTF-8 names
            Self.u16(8, &a)
            Self.u16(time, &a)
            Self.u16(date, &a)
            Self.u32(crc, &a)
            Self.u32(UInt32(compressed.count), &a)
            Self.u32(UInt32(data.count), &a)
            Self.u16(UInt16(nameBytes.count), &a)
            Self.u16(0, &a)
            if central {
                Self.u16(0, &a)
                Self.u16(0, &a)
                Self.u16(0, &a)
                Self.u32(0, &a)
                Self.u32(offset, &a)
            }
            a += nameBytes
        }
        header(&output, central: false)
        output += compressed
        header(&central, central: true)
        count += 1
    }

    /// The archive's bytes (central directory and end record appended).
    public mutating func finish() -> [UInt8] {
        var out = output
        let cdOffset = UInt32(out.count)
        out += central
        Self.u32(0x0605_4B50, &out)
        Self.u16(0, &out)
        Self.u16(0, &out)
        Self.u16(UInt16(count), &out)
        Self.u16(UInt16(count), &out)
        Self.u32(UInt32(central.count), &out)
        Self.u32(cdOffset, &out)
        Self.u16(0, &out)
        return out
    }

    static func u16(_ v: UInt16, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func u32(_ v: UInt32, _ a: inout [UInt8]) {
        a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        czlib_deflate_init_raw(&stream, 6)
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 16)
        var input = data
        let produced = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                CZlibSystem.deflate(&stream, Z_FINISH)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(out[0..<produced])
    }
}
