import CairoOutput
import Drawing
import Foundation
import Testing

/// Widths saved by one measurer and loaded by another are the very widths Pango measures, and a file
/// from other fonts, damaged or missing is never used.
@Suite("Medidas de texto guardadas")
struct PangoTextMeasurerTests {
    static let textos: [(String, TextStyle)] = [
        ("Informe Anual 2017", TextStyle(size: 18, bold: true)),
        ("Víctimas identificadas por entidad federativa", TextStyle(size: 10)),
        ("12,345", TextStyle(size: 8, bold: false, italic: true)),
        ("ñandú — «comillas»", TextStyle(size: 9.5, serif: true)),
        ("", TextStyle(size: 10)),
    ]

    func carpeta() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("medidas-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Widths are the fonts' own advances, as the PDF shows them: they grow exactly with the size. With
    /// hinted metrics or glyph positions rounded to whole points (Pango's default on a Cairo surface), a
    /// 10 pt word was up to half a point per letter off its 100 pt width divided by ten.
    @Test func losAnchosCrecenConElTamanoSinRedondeos() {
        let medidor = PangoTextMeasurer()
        for (texto, serif, bold) in [
            ("illicit millimetre", true, false), ("Comisión Intersecretarial", true, false),
            ("Programa Nacional", false, true), ("Víctimas identificadas por entidad federativa", false, false),
        ] {
            let chico = medidor.width(of: texto, style: TextStyle(size: 10, bold: bold, serif: serif))
            let grande = medidor.width(of: texto, style: TextStyle(size: 100, bold: bold, serif: serif))
            #expect(abs(chico * 10 - grande) < 0.05, "\(texto): \(chico) a 10 pt, \(grande) a 100 pt")
        }
    }

    @Test func lasMedidasGuardadasSonLasDePango() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = dir.appendingPathComponent("medidas.bin")
        let primero = PangoTextMeasurer()
        let anchos = Self.textos.map { primero.width(of: $0.0, style: $0.1) }
        #expect(primero.shaped == Self.textos.count)
        try primero.saveMeasurements(to: archivo)
        let bytes = try Data(contentsOf: archivo)

        let segundo = PangoTextMeasurer()
        #expect(segundo.loadMeasurements(from: archivo) == Self.textos.count)
        let otraVez = Self.textos.map { segundo.width(of: $0.0, style: $0.1) }
        #expect(otraVez.map(\.bitPattern) == anchos.map(\.bitPattern))
        #expect(segundo.shaped == 0, "ningún texto se vuelve a medir")
        // A new text is measured; the file then keeps what this process used, in the same order.
        let nuevo = segundo.width(of: "Texto nuevo", style: TextStyle(size: 10))
        #expect(nuevo == PangoTextMeasurer().width(of: "Texto nuevo", style: TextStyle(size: 10)))
        #expect(segundo.shaped == 1)
        try segundo.saveMeasurements(to: archivo)
        #expect(PangoTextMeasurer().loadMeasurements(from: archivo) == Self.textos.count + 1)
        // Two measurers that used the same widths write the same bytes.
        let tercero = PangoTextMeasurer()
        for (t, e) in Self.textos.reversed() { _ = tercero.width(of: t, style: e) }
        let otro = dir.appendingPathComponent("otro.bin")
        try tercero.saveMeasurements(to: otro)
        #expect(try Data(contentsOf: otro) == bytes)
    }

    /// Widths read once serve a second measurer (another thread's) as if it had read the file itself;
    /// a measurer of other fonts does not take them.
    @Test func leidasUnaVezSirvenAOtroMedidor() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = dir.appendingPathComponent("medidas.bin")
        let primero = PangoTextMeasurer()
        let anchos = Self.textos.map { primero.width(of: $0.0, style: $0.1) }
        try primero.saveMeasurements(to: archivo)
        let lector = PangoTextMeasurer()
        let leidas = try #require(lector.readMeasurements(from: archivo))
        #expect(leidas.count == Self.textos.count)
        #expect(lector.shaped == 0)
        for medidor in [lector, PangoTextMeasurer()] {
            #expect(medidor.use(leidas) == Self.textos.count)
            #expect(
                Self.textos.map { medidor.width(of: $0.0, style: $0.1) }.map(\.bitPattern) == anchos.map(\.bitPattern))
            #expect(medidor.shaped == 0)
        }
        #expect(PangoTextMeasurer(fontFamily: "DejaVu Sans").use(leidas) == 0)
        #expect(PangoTextMeasurer().readMeasurements(from: dir.appendingPathComponent("no-existe.bin")) == nil)
    }

    @Test func unArchivoAjenoDanadoOAusenteNoSeUsa() throws {
        let dir = carpeta()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archivo = dir.appendingPathComponent("medidas.bin")
        let m = PangoTextMeasurer()
        for (t, e) in Self.textos { _ = m.width(of: t, style: e) }
        try m.saveMeasurements(to: archivo)
        let bueno = try Data(contentsOf: archivo)
        #expect(PangoTextMeasurer().loadMeasurements(from: dir.appendingPathComponent("no-existe.bin")) == 0)
        // Other fonts: a measurer of other families has another fingerprint.
        let otrasFuentes = PangoTextMeasurer(fontFamily: "DejaVu Sans", serifFamily: "DejaVu Serif")
        #expect(otrasFuentes.fingerprint != m.fingerprint)
        #expect(otrasFuentes.loadMeasurements(from: archivo) == 0)
        #expect(m.fingerprint.contains("pango ") && m.fingerprint.contains("harfbuzz "))
        // Cut short, one byte changed in the count, garbage appended: not used, and nothing crashes.
        let danados = [
            bueno.prefix(bueno.count - 5), bueno + Data([1, 2, 3]), Data(bueno.prefix(40)), Data(),
            {
                var d = bueno
                d[d.count - 1] ^= 0xFF
                return d
            }(),
        ]
        for (k, d) in danados.enumerated() {
            try d.write(to: archivo)
            let n = PangoTextMeasurer()
            let cargadas = n.loadMeasurements(from: archivo)
            // The last one flips a byte of the last width: the file is whole, the width is another one;
            // the others are refused whole.
            if k < danados.count - 1 { #expect(cargadas == 0, "daño \(k)") }
            _ = n.width(of: "Informe Anual 2017", style: TextStyle(size: 18, bold: true))
        }
    }
}
