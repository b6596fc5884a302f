import Drawing
import Foundation
import Testing

@testable import CairoOutput

/// The internal links added to Cairo's PDF as an incremental update, found by searching the file's bytes.
@Suite("Enlaces internos del PDF")
struct PDFLinksTests {
    @Test func enlaceALaPaginaSiguiente() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let frame = Frame(width: 480, height: 300)
        let pdf = dir.appendingPathComponent("a.pdf")
        try CairoRenderer().writePDF([frame, frame, frame], to: pdf)
        let antes = try [UInt8](Data(contentsOf: pdf))
        let inicioAnterior = try #require(PDFLinks.find("startxref", in: antes, backwards: true))
        let xrefAnterior = try #require(PDFLinks.integer(in: antes, from: inicioAnterior + 9))
        try PDFLinks.add(
            [.init(page: 0, rect: Rect(x: 10, y: 20, width: 100, height: 12), targetPage: 2, target: Point(0, 50))],
            to: pdf, pageHeights: [300, 300, 300])
        let despues = try [UInt8](Data(contentsOf: pdf))
        // Cairo's bytes stay as they were; the update follows them.
        #expect(Array(despues.prefix(antes.count)) == antes)
        let texto = String(decoding: despues[antes.count...], as: UTF8.self)
        #expect(texto.contains("/Subtype /Link /Rect [ 10.00 268.00 110.00 280.00 ]"))
        #expect(texto.contains("/XYZ 0.00 250.00 0 ]"))
        #expect(texto.contains("/Annots ["))
        #expect(texto.contains("/Prev \(xrefAnterior) >>"))
        #expect(texto.hasSuffix("%%EOF\n"))
        // The new cross-reference section is where the new startxref says.
        let inicio = try #require(PDFLinks.find("startxref", in: despues, backwards: true))
        let xref = try #require(PDFLinks.integer(in: despues, from: inicio + 9))
        #expect(String(decoding: despues[xref..<(xref + 4)], as: UTF8.self) == "xref")
    }

    @Test func archivoSinTrailerEsUnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let roto = dir.appendingPathComponent("roto.pdf")
        try Data("%PDF-1.5\n1 0 obj\n<< >>\nendobj\n".utf8).write(to: roto)
        #expect(throws: PDFLinks.Failure.self) {
            try PDFLinks.add(
                [.init(page: 0, rect: Rect(x: 0, y: 0, width: 1, height: 1), targetPage: 0, target: Point(0, 0))],
                to: roto, pageHeights: [100])
        }
    }

    @Test func busquedaDeBytes() {
        let b = Array("ab trailer x trailer\n 42 z".utf8)
        #expect(PDFLinks.find("trailer", in: b) == 3)
        #expect(PDFLinks.find("trailer", in: b, backwards: true) == 13)
        #expect(PDFLinks.find("trailer", in: b, within: 4..<20) == 13)
        #expect(PDFLinks.find("trailer", in: b, within: 4..<19) == nil)
        #expect(PDFLinks.find("zz", in: Array("z".utf8)) == nil)
        #expect(PDFLinks.integer(in: b, from: 20) == 42)
        #expect(PDFLinks.integer(in: b, from: 0) == nil)
    }
}
