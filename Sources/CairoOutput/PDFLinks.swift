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
        var data = try Data(contentsOf: url)
        let text = String(decoding: data, as: UTF8.self)
        guard let trailerRange = text.range(of: "trailer", options: .backwards),
            let startxrefRange = text.range(of: "startxref", options: .backwards)
        else { throw Failure(description: "PDF sin trailer") }
        let trailer = text[trailerRange.upperBound..<startxrefRange.lowerBound]
        func number(_ key: String, in s: Substring) -> Int? {
            guard let r = s.range(of: key) else { return nil }
            return Int(s[r.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
        }
        guard let size = number("/Size", in: trailer), let root = number("/Root", in: trailer) else {
            throw Failure(description: "trailer incompleto")
        }
        let info = number("/Info", in: trailer)
        let previous =
            Int(
                text[startxrefRange.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).prefix {
                    $0.isNumber
                }) ?? 0
        // The page objects, in order, from the (flat) page tree Cairo writes.
        guard let pagesRange = text.range(of: "/Type /Pages"),
            let kidsStart = text[pagesRange.upperBound...].range(of: "/Kids ["),
            let kidsEnd = text[kidsStart.upperBound...].firstIndex(of: "]")
        else { throw Failure(description: "PDF sin árbol de páginas") }
        let kids = text[kidsStart.upperBound..<kidsEnd].split(separator: "R").compactMap {
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
            guard let start = text.range(of: "\n\(object) 0 obj\n"),
                let end = text[start.upperBound...].range(of: "endobj"),
                let close = text[start.upperBound..<end.lowerBound].range(of: ">>", options: .backwards)
            else { throw Failure(description: "página \(page + 1) no encontrada") }
            let dictionary = text[start.upperBound..<close.lowerBound]
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
        data.append(Data(update.utf8))
        try data.write(to: url)
    }
}
