import CZlibSystem
import Foundation

/// A minimal ZIP writer for tests: lets a test build archives with lying headers or huge entries.
struct TestZip {
    struct Entry {
        var name: String
        var compressed: [UInt8]
        var method: UInt16
        var crc: UInt32
        var declaredSize: UInt32
    }
    var entries: [Entry] = []

    /// Adds an entry deflated from `data`; `declaredSize` lies about its size when given.
    mutating func add(_ name: String, _ data: [UInt8], declaredSize: UInt32? = nil) {
        let compressed = TestZip.deflate { emit in emit(data) }
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        entries.append(
            Entry(
                name: name, compressed: compressed, method: 8, crc: crc,
                declaredSize: declaredSize ?? UInt32(data.count)))
    }

    mutating func add(_ name: String, _ text: String) { add(name, Array(text.utf8)) }

    /// Adds `count` zero bytes, deflated in blocks (so the test never holds them whole).
    mutating func addZeros(_ name: String, count: Int, declaredSize: UInt32? = nil) {
        let block = [UInt8](repeating: 0, count: 1 << 20)
        var crc = crc32(0, nil, 0)
        let compressed = TestZip.deflate { emit in
            var left = count
            while left > 0 {
                let n = min(left, block.count)
                emit(Array(block[0..<n]))
                crc = block.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(n)) }
                left -= n
            }
        }
        entries.append(
            Entry(
                name: name, compressed: compressed, method: 8, crc: UInt32(crc),
                declaredSize: declaredSize ?? UInt32(truncatingIfNeeded: count)))
    }

    static func deflate(_ produce: (_ emit: ([UInt8]) -> Void) -> Void) -> [UInt8] {
        var stream = z_stream()
        czlib_deflate_init_raw(&stream, 6)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        func pump(_ input: [UInt8], flush: Int32) {
            var input = input
            input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                repeat {
                    buffer.withUnsafeMutableBufferPointer { outBuf in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        CZlibSystem.deflate(&stream, flush)
                        out.append(contentsOf: outBuf[0..<(outBuf.count - Int(stream.avail_out))])
                    }
                } while stream.avail_out == 0
            }
        }
        produce { pump($0, flush: Z_NO_FLUSH) }
        pump([], flush: Z_FINISH)
        deflateEnd(&stream)
        return out
    }

    /// The archive's bytes.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: UInt16, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { for k in 0..<4 { a.append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
        for e in entries {
            let offset = UInt32(out.count)
            let name = Array(e.name.utf8)
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(0, &out)
            u16(e.method, &out)
            u32(0, &out)
            u32(e.crc, &out)
            u32(UInt32(e.compressed.count), &out)
            u32(e.declaredSize, &out)
            u16(UInt16(name.count), &out)
            u16(0, &out)
            out += name
            out += e.compressed
            u32(0x0201_4B50, &central)
            u16(20, &central)
            u16(20, &central)
            u16(0, &central)
            u16(e.method, &central)
            u32(0, &central)
            u32(e.crc, &central)
            u32(UInt32(e.compressed.count), &central)
            u32(e.declaredSize, &central)
            u16(UInt16(name.count), &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(0, &central)
            u32(offset, &central)
            central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(UInt16(entries.count), &out)
        u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out)
        u32(cdOffset, &out)
        u16(0, &out)
        return out
    }

    /// A workbook with one sheet "Hoja1" whose `<sheetData>` is `sheetData`.
    static func workbook(sheetData: String, sharedStrings: [String]? = nil) -> TestZip {
        var zip = TestZip()
        zip.add(
            "_rels/.rels",
            """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/></Relationships>
            """)
        zip.add(
            "xl/workbook.xml",
            """
            <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        zip.add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
            Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.add(
            "xl/worksheets/sheet1.xml",
            """
            <?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetData>\(sheetData)</sheetData></worksheet>
            """)
        if let sharedStrings {
            zip.add(
                "xl/sharedStrings.xml",
                "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>")
        }
        return zip
    }

    func write(to url: URL) throws { try Data(bytes()).write(to: url) }
}
