import Charts
import Testing

@testable import Servicios

/// A chart's fingerprint is the same for the same description, in any process, and changes with any
/// part of it: a chart whose fingerprint did not change is not drawn again.
@Suite("Huella de una gráfica")
struct HuellaGraficaTests {
    static let base: ChartSpec = {
        var s = ChartSpec(
            title: "Víctimas por sexo", subtitle: "2017", source: "Fuente: prueba.", categories: ["Mujer", "Hombre"],
            series: [Series(name: "2017", values: [1_234, nil])])
        s.kind = .tileMap(TileGrid(tiles: [Tile(id: "09", label: "CDMX", row: 2, column: 3)]), .categorical(["sí"]))
        return s
    }()

    @Test func mismaDescripcionMismaHuellaYCualquierCambioOtra() {
        let h = Construccion.huella(de: Self.base)
        #expect(h == Construccion.huella(de: Self.base))
        #expect(h.count == 64)
        var cambios: [ChartSpec] = []
        func con(_ cambio: (inout ChartSpec) -> Void) {
            var s = Self.base
            cambio(&s)
            cambios.append(s)
        }
        con { $0.title = "Víctimas por sexo." }
        con { $0.subtitle = nil }
        con { $0.source = "Fuente: otra." }
        con { $0.categories = ["Hombre", "Mujer"] }
        con { $0.series[0].values = [1_234, 0] }
        con { $0.series[0].values = [1_234.5, nil] }
        con { $0.series[0].name = "2016" }
        con { $0.kind = .bars(horizontal: true, stacking: .grouped) }
        con {
            $0.kind = .tileMap(
                TileGrid(tiles: [Tile(id: "09", label: "CDMX", row: 2, column: 4)]), .categorical(["sí"]))
        }
        con {
            $0.kind = .tileMap(
                TileGrid(tiles: [Tile(id: "09", label: "CDMX", row: 2, column: 3)]), .choropleth(breaks: [1]))
        }
        con { $0.format = .percent(1) }
        con { $0.suppressedLabel = "n.d." }
        con { $0.showValues = false }
        con { $0.showHeading = false }
        let huellas = cambios.map { Construccion.huella(de: $0) }
        #expect(!huellas.contains(h))
        #expect(Set(huellas).count == huellas.count)
    }
}
