import ApoyoPruebas
import CairoOutput
import Drawing
import Foundation
import Testing

/// Glyphs shaped once and kept (in memory, then in a file) draw the very bytes shaping every text
/// again draws; a file from other fonts, damaged or cut short is never used.
@Suite("Glifos guardados")
struct GlyphCacheTests {
    /// Two pages with texts in several styles, one repeated, one with a character from the fallback
    /// font and one empty.
    static let paginas: [Frame] = {
        var a = Frame(width: 300, height: 200)
        var b = Frame(width: 300, height: 200)
        let textos: [(String, TextStyle)] = [
            ("Informe Anual 2017", TextStyle(size: 18, bold: true)),
            ("Víctimas identificadas por entidad federativa", TextStyle(size: 10)),
            ("12,345", TextStyle(size: 8, italic: true)),
            ("ñandú — «comillas»", TextStyle(size: 9.5, serif: true)),
            ("✓ listo", TextStyle(size: 10)),
            ("", TextStyle(size: 10)),
        ]
        for (k, (texto, estilo)) in textos.enumerated() {
            a.items.append(.text(texto, position: Point(10, 30 + 25 * Double(k)), style: estilo))
            var alFinal = estilo
            alFinal.anchor = .end
            b.items.append(.text(texto, position: Point(290, 30 + 25 * Double(k)), style: alFinal))
        }
        return [a, b]
    }()
    /// The texts above drawn from glyphs (not the fallback one nor the empty one), in their styles.
    static let conGlifos = 4

    func carpeta() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glifos-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func pdf(_ glifos: GlyphCache?, en dir: URL) throws -> Data {
        var renderer = CairoRenderer()
        renderer.glyphs = glifos
        let url = dir.appendingPathComponent("prueba-\(UUID().uuidString).pdf")
        try renderer.writePDF(Self.paginas, to: url, metadata: [.createDate: "2018-02-09T00:00:00Z"])
        return try Data(contentsOf: url)
    }

    func texto(_ pdf: Data, en dir: URL) throws -> String {
        let url = dir.appendingPathComponent("texto.pdf")
        try pdf.write(to: url)
        return try textoDelPDF(url)
    }

    /// The glyphs of the two pages, shaped and saved in `dir` (the file's URL).
    func guardados(en dir: URL) throws -> URL {
        let archivo = dir.appendingPathComponent("glifos.bin")
        let primero = GlyphCache()
        _ = try pdf(primero, en: dir)
        try primero.save(to: archivo)
        return archivo
    }

    @Test func losGlifosGuardadosDibujanLosMismosBytes() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = dir.appendingPathComponent("glifos.bin")
        let sinGlifos = try pdf(nil, en: dir)
        let primero = GlyphCache()
        let formados = try pdf(primero, en: dir)
        #expect(formados == sinGlifos)
        // Each text once, though each is drawn on both pages.
        #expect(primero.shaped == Self.conGlifos)
        try primero.save(to: archivo)
        let bytes = try Data(contentsOf: archivo)

        let segundo = GlyphCache()
        #expect(segundo.load(from: archivo) == Self.conGlifos)
        let leidos = try pdf(segundo, en: dir)
        #expect(segundo.shaped == 0, "ningún texto se vuelve a formar")
        #expect(leidos == sinGlifos)
        // Nothing new: the file is not written again; written anyway, it has the same bytes.
        try FileManager.default.removeItem(at: archivo)
        try segundo.save(to: archivo)
        #expect(try Data(contentsOf: archivo) == bytes)

        // The text goes along with the glyphs: the PDF can be searched and copied.
        let extraido = try texto(leidos, en: dir)
        for palabra in [
            "Informe Anual 2017", "Víctimas identificadas por entidad federativa", "12,345", "ñandú", "✓ listo",
        ] {
            #expect(extraido.components(separatedBy: palabra).count == 3, "\(palabra) en las dos páginas")
        }
    }

    @Test func soloSeGuardaLoQueSeUso() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = try guardados(en: dir)
        // A process that draws one text only keeps that one.
        let segundo = GlyphCache()
        #expect(segundo.load(from: archivo) == Self.conGlifos)
        var pagina = Frame(width: 100, height: 50)
        pagina.items = [.text("12,345", position: Point(10, 20), style: TextStyle(size: 8, italic: true))]
        var renderer = CairoRenderer()
        renderer.glyphs = segundo
        try renderer.writePDF([pagina], to: dir.appendingPathComponent("una.pdf"))
        #expect(segundo.shaped == 0)
        try segundo.save(to: archivo)
        #expect(GlyphCache().load(from: archivo) == 1)
    }

    func cambiado(_ bytes: Data, en i: Int) -> Data {
        var d = bytes
        d[d.startIndex + i] ^= 0x40
        return d
    }

    @Test func unArchivoDanadoOAjenoNoSeUsa() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = try guardados(en: dir)
        let bytes = try Data(contentsOf: archivo)
        #expect(GlyphCache().load(from: archivo) == Self.conGlifos)

        // Other fonts: another fingerprint.
        #expect(GlyphCache(fontFamily: "DejaVu Sans").load(from: archivo) == 0)
        // Missing, empty, cut short, one byte changed, something else entirely.
        let otro = dir.appendingPathComponent("otro.bin")
        #expect(GlyphCache().load(from: otro) == 0)
        for danado in [
            Data(), bytes.prefix(bytes.count / 2), bytes.prefix(bytes.count - 1),
            cambiado(bytes, en: bytes.count / 2), cambiado(bytes, en: bytes.count - 20),
            Data("no es un archivo de glifos".utf8),
        ] {
            try danado.write(to: otro)
            let glifos = GlyphCache()
            #expect(glifos.load(from: otro) == 0)
            // Not used, the texts are shaped again and the same bytes drawn.
            #expect(try pdf(glifos, en: dir) == pdf(nil, en: dir))
            #expect(glifos.shaped == Self.conGlifos)
        }
    }
}
