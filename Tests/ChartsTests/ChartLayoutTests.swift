import Charts
import Drawing
import Testing

/// Charts are asserted on their frames (the display list), with an approximate text measurer.
@Suite("Charts: layout")
struct ChartLayoutTests {
    let layout = ChartLayout(measurer: ApproximateTextMeasurer())

    func bars(_ f: Frame) -> [(tag: String, rect: Rect)] {
        f.items.compactMap { item in
            if case .rect(let r, _, _, let tag?) = item, tag.hasPrefix("bar:") { return (tag, r) }
            return nil
        }
    }

    func texts(_ f: Frame) -> [String] {
        f.items.compactMap { item in
            if case .text(let s, _, _) = item { return s }
            return nil
        }
    }

    /// No two text boxes overlap.
    func noOverlaps(_ f: Frame) -> Bool {
        let boxes = f.textBoxes(ApproximateTextMeasurer())
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                if boxes[i].box.intersects(boxes[j].box) { return false }
            }
        }
        return true
    }

    @Test func niceTicks() {
        #expect(ChartLayout.niceTicks(838) == [0, 200, 400, 600, 800, 1000])
        #expect(ChartLayout.niceTicks(60_424) == [0, 20_000, 40_000, 60_000, 80_000])
        #expect(ChartLayout.niceTicks(7) == [0, 2, 4, 6, 8])
        #expect(ChartLayout.niceTicks(0.45) == [0, 0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(ChartLayout.niceTicks(0) == [0, 1])
    }

    @Test func barrasVerticalesConAlturasProporcionales() {
        var c = ChartSpec(
            title: "Víctimas por sexo", subtitle: "2017", source: "Fuente: prueba, 2017",
            categories: ["Mujer", "Hombre", "No especificado"],
            series: [Series(name: "2017", values: [838, 155, 16])])
        c.kind = .bars(horizontal: false, stacking: .grouped)
        let f = layout.layout(c, width: 480, height: 300)
        let b = bars(f)
        #expect(b.map(\.tag) == ["bar:2017:Mujer", "bar:2017:Hombre", "bar:2017:No especificado"])
        // Heights are proportional to the values, and bars share one baseline.
        #expect(abs(b[0].rect.height / b[1].rect.height - 838.0 / 155.0) < 0.01)
        #expect(abs(b[0].rect.maxY - b[2].rect.maxY) < 0.001)
        let t = texts(f)
        #expect(t.contains("Víctimas por sexo"))
        #expect(t.contains("Fuente: prueba, 2017"))
        #expect(t.contains("838"))
        #expect(t.contains("1,000"))
        #expect(noOverlaps(f))
    }

    @Test func valoresSuprimidosNoSeDibujanComoBarras() {
        var c = ChartSpec(
            title: "Por entidad", source: "Fuente", categories: ["A", "B", "C"],
            series: [Series(name: "v", values: [40, nil, 12], suppressed: [false, true, false])])
        c.kind = .bars(horizontal: false, stacking: .grouped)
        let f = layout.layout(c, width: 480, height: 300)
        #expect(bars(f).map(\.tag) == ["bar:v:A", "bar:v:C"])
        #expect(texts(f).contains("<5"))
    }

    @Test func etiquetasLargasSeAjustanSinEncimarse() {
        let largas = [
            "Prostitución ajena u otras formas de explotación sexual",
            "Utilización de personas menores de dieciocho años en actividades delictivas",
            "Trabajo o servicios forzados", "Tráfico de órganos, tejidos y células de seres humanos vivos",
        ]
        for horizontal in [true, false] {
            var c = ChartSpec(
                title: "Modalidades", source: "Fuente", categories: largas,
                series: [Series(name: "v", values: [710, 23, 94, 2])])
            c.kind = .bars(horizontal: horizontal, stacking: .grouped)
            let f = layout.layout(c, width: 480, height: 300)
            #expect(noOverlaps(f), "horizontal: \(horizontal)")
            #expect(texts(f).contains { $0.hasSuffix("…") || $0.count < 40 })
            // Every label stays inside the frame.
            for (_, box) in f.textBoxes(ApproximateTextMeasurer()) { #expect(box.x >= 0 && box.maxX <= 480 + 0.5) }
        }
    }

    @Test func apiladasYCienPorCiento() {
        var c = ChartSpec(
            title: "Por tipo", source: "Fuente", categories: ["Capacitación", "Sensibilización"],
            series: [Series(name: "Mujeres", values: [60, 30]), Series(name: "Hombres", values: [40, 10])])
        c.kind = .bars(horizontal: false, stacking: .percent)
        let f = layout.layout(c, width: 480, height: 300)
        let b = bars(f)
        // 100 %: both columns reach the same top.
        let cap = b.filter { $0.tag.hasSuffix(":Capacitación") }.map(\.rect)
        let sen = b.filter { $0.tag.hasSuffix(":Sensibilización") }.map(\.rect)
        #expect(abs(cap.map(\.y).min()! - sen.map(\.y).min()!) < 0.001)
        #expect(abs(sen[0].height / sen[1].height - 3) < 0.01)
        #expect(texts(f).contains("75 %"))
        c.kind = .bars(horizontal: false, stacking: .stacked)
        let g = layout.layout(c, width: 480, height: 300)
        let total = bars(g).filter { $0.tag.hasSuffix(":Capacitación") }.map(\.rect.height).reduce(0, +)
        let otra = bars(g).filter { $0.tag.hasSuffix(":Sensibilización") }.map(\.rect.height).reduce(0, +)
        #expect(abs(total / otra - 100.0 / 40.0) < 0.01)
        #expect(texts(g).contains("Mujeres"))
    }

    @Test func lineasConMeta() {
        var c = ChartSpec(
            title: "Serie", source: "Fuente", categories: ["2013", "2014", "2015"],
            series: [Series(name: "P1", values: [10, 20, 30])])
        c.kind = .lines(target: .init(label: "2018", values: [50]))
        let f = layout.layout(c, width: 480, height: 300)
        let lineas = f.items.compactMap { item -> Bool? in
            if case .line(let p, _, _, let dashed) = item, p.count >= 2, !(p.count == 2 && p[0].y == p[1].y) {
                return dashed
            }
            return nil
        }
        #expect(lineas.contains(true))
        #expect(lineas.contains(false))
        #expect(texts(f).contains("Meta: 50"))
        #expect(texts(f).contains("2018"))
        #expect(noOverlaps(f))
    }

    @Test func ningunaEtiquetaDeValorQuedaSobreLaLinea() {
        // A steep rise and fall: a label centred above each point would be crossed by a segment.
        var c = ChartSpec(
            title: "Serie", source: "Fuente", categories: ["2013", "2014", "2015", "2016", "2017"],
            series: [Series(name: "P1", values: [15_200, 18_000, 24_500, 60_424, 20_000])])
        c.kind = .lines(target: nil)
        let f = layout.layout(c, width: 480, height: 300)
        let tramos = f.items.compactMap { item -> [Point]? in
            if case .line(let p, _, _, false) = item, p.count == 5 { return p }
            return nil
        }
        let linea = try? #require(tramos.first)
        let valores: Set<String> = ["15,200", "18,000", "24,500", "60,424", "20,000"]
        let inicio = linea?.first?.x ?? 0
        // The value labels, not the axis' tick labels (those sit left of the first point).
        let etiquetas = f.textBoxes(ApproximateTextMeasurer()).filter {
            valores.contains($0.text) && $0.box.x + $0.box.width > inicio - 30
        }
        #expect(etiquetas.count == 5)
        for e in etiquetas {
            for k in 0..<4 {
                guard let a = linea?[k], let b = linea?[k + 1] else { continue }
                let cruza = (1..<50).contains { t in
                    let px = a.x + (b.x - a.x) * Double(t) / 50
                    let py = a.y + (b.y - a.y) * Double(t) / 50
                    return px > e.box.x + 1 && px < e.box.x + e.box.width - 1 && py > e.box.y + 1
                        && py < e.box.y + e.box.height - 1
                }
                #expect(!cruza, "la etiqueta «\(e.text)» queda sobre la línea")
            }
        }
    }

    @Test func piramideYMapa() {
        var p = ChartSpec(
            title: "Pirámide", source: "Fuente", categories: ["0 a 11", "12 a 17"],
            series: [
                Series(name: "Hombres", values: [18, nil], suppressed: [false, true]),
                Series(name: "Mujeres", values: [83, 203]),
            ])
        p.kind = .pyramid
        let f = layout.layout(p, width: 480, height: 300)
        let b = bars(f)
        #expect(b.map(\.tag) == ["bar:Hombres:0 a 11", "bar:Mujeres:0 a 11", "bar:Mujeres:12 a 17"])
        #expect(b[0].rect.maxX < b[1].rect.x, "hombres a la izquierda, mujeres a la derecha")
        #expect(texts(f).contains("<5"))
        // A zero has no bar but says «0»: a blank would read as missing data.
        var cero = p
        cero.series = [Series(name: "Hombres", values: [0, 4]), Series(name: "Mujeres", values: [7, 9])]
        let fc = layout.layout(cero, width: 480, height: 300)
        #expect(bars(fc).map(\.tag) == ["bar:Mujeres:0 a 11", "bar:Hombres:12 a 17", "bar:Mujeres:12 a 17"])
        #expect(texts(fc).contains("0"))
        let grid = TileGrid(tiles: [
            Tile(id: "01", label: "AGS", row: 0, column: 0), Tile(id: "02", label: "BC", row: 0, column: 1),
        ])
        var m = ChartSpec(
            title: "Mapa", source: "Fuente", categories: ["01", "02"],
            series: [Series(name: "v", values: [3, 80], suppressed: [true, false])])
        m.kind = .tileMap(grid, .choropleth(breaks: [10, 50]))
        let g = layout.layout(m, width: 480, height: 300)
        let tiles = g.items.compactMap { item -> (String, Color)? in
            if case .rect(_, let fill, _, let tag?) = item, tag.hasPrefix("tile:") { return (tag, fill) }
            return nil
        }
        #expect(tiles.map(\.0) == ["tile:01", "tile:02"])
        #expect(tiles[0].1 == Color(hex: 0xBBBBBB))
        #expect(texts(g).contains("Más de 50"))
        #expect(texts(g).contains("<5 (suprimido)"))
    }

    @Test func formatoDeNumeros() {
        #expect(ValueFormat.integer.text(12345) == "12,345")
        #expect(ValueFormat.percent(1).text(3.5) == "3.5 %")
        #expect(ValueFormat.decimal(2).text(1234.5) == "1,234.50")
    }
}

/// Where a text starts for each anchor.
@Suite("Ancla del texto")
struct AnclaTextoTests {
    @Test func inicioSegunElAncla() {
        #expect(TextStyle(size: 10).start(at: 100, width: 40) == 100)
        #expect(TextStyle(size: 10, anchor: .middle).start(at: 100, width: 40) == 80)
        #expect(TextStyle(size: 10, anchor: .end).start(at: 100, width: 40) == 60)
        #expect(TextStyle(size: 10, anchor: .end).start(at: 0, width: 0) == 0)
    }
}
