import Drawing
import Foundation

/// Adds internal link annotations to a PDF written by Cairo, as an incremental update (new
/// annotation objects, the pages rewritten with their `/Annots`, a new cross-reference section).
/// Cairo 1.16 writes a damaged file for links to later pages, so the renderer does this itself.
enum PDFLinks {
    struct Link {
        var page: Int
        var rect: Rect
        var targetPage: Int
        var target: Point
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func add(_ links: [Link], to url: URL, pageHeights: [Double]) throws {
        guard !links.isEmpty else { return }
        let data = try Data(contentsOf: url)
        // The file is searched as bytes: its streams are compressed binary, not text.
        let bytes = [UInt8](data)
        guard let trailerAt = find("trailer", in: bytes, backwards: true),
            let startxrefAt = find("startxref", in: bytes, backwards: true), trailerAt < startxrefAt
        else { throw Failure(description: "PDF sin trailer") }
        let trailer = trailerAt..<startxrefAt
        func number(_ key: String, in range: Range<Int>) -> Int? {
            guard let at = find(key, in: bytes, within: range) else { return nil }
            return integer(in: bytes, from: at + key.utf8.count)
        }
        guard let size = number("/Size", in: trailer), let root = number("/Root", in: trailer) else {
            throw Failure(description: "trailer incompleto")
        }
        let info = number("/Info", in: trailer)
        let previous = integer(in: bytes, from: startxrefAt + "startxref".utf8.count) ?? 0
        // The page objects, in order, from the (flat) page tree Cairo writes.
        guard let pagesAt = find("/Type /Pages", in: bytes),
            let kidsAt = find("/Kids [", in: bytes, within: pagesAt..<bytes.count),
            let kidsEnd = bytes[(kidsAt + 7)...].firstIndex(of: UInt8(ascii: "]"))
        else { throw Failure(description: "PDF sin árbol de páginas") }
        let kids = String(decoding: bytes[(kidsAt + 7)..<kidsEnd], as: UTF8.self).split(separator: "R").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        var next = size
        var objects: [(Int, String)] = []
        var annotsByPage: [Int: [Int]] = [:]
        func n(_ v: Double) -> String { String(format: "%.2f", v) }
        for link in links where link.page < kids.count && link.targetPage < kids.count {
            let h = pageHeights[link.page]
            let th = pageHeights[link.targetPage]
            let r = link.rect
            let body =
                "<< /Type /Annot /Subtype /Link /Rect [ \(n(r.x)) \(n(h - r.maxY)) \(n(r.maxX)) \(n(h - r.y)) ] /Border [ 0 0 0 ] "
                + "/Dest [ \(kids[link.targetPage]) 0 R /XYZ \(n(link.target.x)) \(n(th - link.target.y)) 0 ] >>"
            objects.append((next, body))
            annotsByPage[link.page, default: []].append(next)
            next += 1
        }
        for (page, annots) in annotsByPage.sorted(by: { $0.key < $1.key }) {
            let object = kids[page]
            let header = "\n\(object) 0 obj\n"
            guard let start = find(header, in: bytes).map({ $0 + header.utf8.count }),
                let end = find("endobj", in: bytes, within: start..<bytes.count),
                let close = find(">>", in: bytes, within: start..<end, backwards: true)
            else { throw Failure(description: "página \(page + 1) no encontrada") }
            let dictionary = String(decoding: bytes[start..<close], as: UTF8.self)
            let list = annots.map { "\($0) 0 R" }.joined(separator: " ")
            objects.append((object, dictionary + "   /Annots [ \(list) ]\n>>"))
        }
        var update = "\n"
        var offsets: [(Int, Int)] = []
        for (number, body) in objects {
            offsets.append((number, data.count + update.utf8.count))
            update += "\(number) 0 obj\n\(body)\nendobj\n"
        }
        let xref = data.count + update.utf8.count
        update += "xref\n"
        for (number, offset) in offsets.sorted(by: { $0.0 < $1.0 }) {
            update += "\(number) 1\n" + String(format: "%010d 00000 n \n", offset)
        }
        update +=
            "trailer\n<< /Size \(next) /Root \(root) 0 R" + (info.map { " /Info \($0) 0 R" } ?? "")
            + " /Prev \(previous) >>\n"
        update += "startxref\n\(xref)\n%%EOF\n"
        // An incremental update: appended to the file Cairo wrote.
        try Array(update.utf8).withUnsafeBytes { try PlainFile.write($0, to: url, appending: true) }
    }

    /// Where `needle` starts in `bytes[range]` (the first or, `backwards`, the last occurrence).
    static func find(
        _ needle: String, in bytes: [UInt8], within range: Range<Int>? = nil, backwards: Bool = false
    ) -> Int? {
        let n = Array(needle.utf8)
        let r = range ?? 0..<bytes.count
        guard let first = n.first, r.count >= n.count else { return nil }
        let starts = r.lowerBound...(r.upperBound - n.count)
        let matches = { (i: Int) in bytes[i] == first && bytes[i..<(i + n.count)].elementsEqual(n) }
        return backwards ? starts.reversed().first(where: matches) : starts.first(where: matches)
    }

    /// The decimal integer after optional spaces and line breaks at `at`.
    static func integer(in bytes: [UInt8], from at: Int) -> Int? {
        var i = at
        while i < bytes.count, [0x20, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        var value = 0
        var digits = 0
        while i < bytes.count, (0x30...0x39).contains(bytes[i]), digits < 18 {
            value = value * 10 + Int(bytes[i] - 0x30)
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }
}
