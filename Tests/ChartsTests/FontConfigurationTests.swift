import CCairo
import Foundation
import Testing

@testable import CairoOutput

/// The report's own font configuration: the families' four styles (the files the system gives them),
/// the fallback for characters they lack, and Pango using it on every thread that draws or measures.
@Suite("Configuración de fuentes propia")
struct FontConfigurationTests {
    let fuentes = FontConfiguration.forFamilies(["Noto Sans", "Noto Serif"])

    @Test func lasFamiliasTienenSusCuatroEstilosYElRespaldo() {
        let nombres = fuentes.files.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(
            Array(nombres.prefix(8)) == [
                "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
                "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf",
            ])
        #expect(nombres.dropFirst(8) == ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])
        for f in fuentes.files {
            let atributos = try? FileManager.default.attributesOfItem(atPath: f.path)
            #expect((atributos?[.size] as? Int) == f.size, "\(f.path)")
        }
        // Built once per process and per list of families.
        #expect(FontConfiguration.forFamilies(["Noto Sans", "Noto Serif"]) === fuentes)
        #expect(FontConfiguration.forFamilies(["Noto Serif"]) !== fuentes)
    }

    /// What a layout on a new thread finds: each character either in the families or in the fallback
    /// (none drawn as an unknown-glyph box), and the Noto file for Latin text.
    func enOtroHilo(_ texto: String) -> (desconocidos: Int32, archivos: Set<String>) {
        let hecho = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var resultado: (Int32, Set<String>) = (-1, [])
        let hilo = Thread { [fuentes] in
            // A new thread's font map starts with the system's configuration.
            #expect(pango_fc_font_map_get_config(OpaquePointer(pango_cairo_font_map_get_default())) != fuentes.config)
            fuentes.useOnThisThread()
            #expect(pango_fc_font_map_get_config(OpaquePointer(pango_cairo_font_map_get_default())) == fuentes.config)
            let superficie = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
            let cr = cairo_create(superficie)
            let layout = pango_cairo_create_layout(cr)
            let descripcion = pango_font_description_from_string("Noto Sans 10")
            pango_layout_set_font_description(layout, descripcion)
            pango_layout_set_text(layout, texto, -1)
            var archivos: Set<String> = []
            var runs = pango_layout_get_line_readonly(layout, 0)?.pointee.runs
            while let nodo = runs {
                if let run = nodo.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                    let fuente = run.pointee.item.pointee.analysis.font,
                    let d = pango_font_describe(fuente)
                {
                    archivos.insert(String(cString: pango_font_description_get_family(d)))
                    pango_font_description_free(d)
                }
                runs = nodo.pointee.next
            }
            resultado = (pango_layout_get_unknown_glyphs_count(layout), archivos)
            pango_font_description_free(descripcion)
            g_object_unref(UnsafeMutableRawPointer(layout))
            cairo_destroy(cr)
            cairo_surface_destroy(superficie)
            hecho.signal()
        }
        hilo.start()
        hecho.wait()
        return resultado
    }

    @Test func elTextoLatinoUsaNotoYLoQueFaltaVieneDelRespaldo() {
        let latino = enOtroHilo("Víctimas identificadas: 12,345 — «año» ñ")
        #expect(latino.desconocidos == 0)
        #expect(latino.archivos == ["Noto Sans"])
        let signos = enOtroHilo("≤ ≥ ∑")
        #expect(signos.desconocidos == 0, "los signos que Noto Sans no tiene salen del respaldo")
        #expect(signos.archivos.contains("DejaVu Sans"))
    }
}
