import Drawing

extension ChartLayout {
    func lines(_ c: ChartSpec, _ target: ChartSpec.Target?, _ plot: Rect, into frame: inout Frame) {
        let n = c.categories.count
        guard n > 0 else { return }
        let slots = n + (target == nil ? 0 : 1)
        let all = c.series.flatMap { $0.values.compactMap { $0 } } + (target?.values.compactMap { $0 } ?? [])
        let ticks = Self.niceTicks(all.max() ?? 1)
        let top = ticks.last ?? 1
        let format = tickFormat(c.format, ticks)
        let axisWidth =
            (ticks.map { measurer.width(of: format.text($0), size: theme.labelSize, bold: false) }.max() ?? 20) + 8
        let area = Rect(
            x: plot.x + axisWidth, y: plot.y + theme.labelSize * 1.5, width: plot.width - axisWidth - 10,
            height: plot.height - theme.labelSize * 3.5)
        func y(_ v: Double) -> Double { area.maxY - v / top * area.height }
        let step = area.width / Double(slots)
        func x(_ i: Int) -> Double { area.x + step * (Double(i) + 0.5) }
        valueGridlines(ticks, format, area: area, y: y, into: &frame)
        let etiquetas = c.categories + (target.map { [$0.label] } ?? [])
        for (i, label) in etiquetas.enumerated() {
            frame.items.append(
                .text(
                    truncate(label, step - 2, size: theme.labelSize, bold: false),
                    position: Point(x(i), area.maxY + theme.labelSize * 1.4),
                    style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .middle)))
        }
        for (s, series) in c.series.enumerated() {
            var tramo: [Point] = []
            var ultimo: (Int, Double)?
            for i in 0..<n {
                guard i < series.values.count, let v = series.values[i], !series.isSuppressed(i) else {
                    if tramo.count > 1 { frame.items.append(.line(tramo, stroke: color(s), width: 2, dashed: false)) }
                    tramo = []
                    continue
                }
                tramo.append(Point(x(i), y(v)))
                ultimo = (i, v)
            }
            if tramo.count > 1 { frame.items.append(.line(tramo, stroke: color(s), width: 2, dashed: false)) }
            for i in 0..<n {
                guard i < series.values.count, let v = series.values[i], !series.isSuppressed(i) else { continue }
                frame.items.append(.circle(center: Point(x(i), y(v)), radius: 3, fill: color(s)))
                if c.showValues && c.series.count == 1 {
                    // The label goes where neither of the point's two segments crosses it, on a white
                    // ground so that no gridline runs through it either.
                    let texto = c.format.text(v)
                    let ancho = measurer.width(of: texto, size: theme.labelSize, bold: false)
                    let alto = theme.labelSize
                    let p = Point(x(i), y(v))
                    var vecinos: [Point] = []
                    for j in [i - 1, i + 1] where j >= 0 && j < n && j < series.values.count {
                        if let w = series.values[j], !series.isSuppressed(j) { vecinos.append(Point(x(j), y(w))) }
                    }
                    let candidatos: [(Double, Double)] = [
                        (0, -7), (-ancho / 2 - 5, -7), (ancho / 2 + 5, -7), (0, alto + 8), (-ancho / 2 - 5, alto + 8),
                        (ancho / 2 + 5, alto + 8),
                    ]
                    func caja(_ d: (Double, Double)) -> Rect {
                        Rect(x: p.x + d.0 - ancho / 2 - 1, y: p.y + d.1 - alto, width: ancho + 2, height: alto + 3)
                    }
                    func cruza(_ r: Rect) -> Bool {
                        vecinos.contains { q in
                            (1..<24).contains { k in
                                let t = Double(k) / 24
                                let px = p.x + (q.x - p.x) * t
                                let py = p.y + (q.y - p.y) * t
                                return px >= r.x && px <= r.x + r.width && py >= r.y && py <= r.y + r.height
                            }
                        }
                    }
                    let d = candidatos.first { !cruza(caja($0)) } ?? candidatos[0]
                    frame.items.append(.rect(caja(d), fill: .white, stroke: nil, tag: nil))
                    frame.items.append(
                        .text(
                            texto, position: Point(p.x + d.0, p.y + d.1),
                            style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .middle)))
                }
            }
            if let target, s < target.values.count, let meta = target.values[s], let (i, v) = ultimo {
                frame.items.append(
                    .line([Point(x(i), y(v)), Point(x(n), y(meta))], stroke: color(s), width: 1.5, dashed: true))
                frame.items.append(.circle(center: Point(x(n), y(meta)), radius: 4.5, fill: color(s)))
                frame.items.append(.circle(center: Point(x(n), y(meta)), radius: 2.5, fill: .white))
                frame.items.append(
                    .text(
                        "Meta: " + c.format.text(meta), position: Point(x(n), y(meta) - 9),
                        style: TextStyle(size: theme.labelSize, bold: true, color: color(s), anchor: .middle)))
            }
        }
    }

    func pyramid(_ c: ChartSpec, _ plot: Rect, into frame: inout Frame) {
        guard c.series.count == 2 else { return }
        let n = c.categories.count
        let left = c.series[0]
        let right = c.series[1]
        let maximum = (left.values + right.values).compactMap { $0 }.max() ?? 1
        let ticks = Self.niceTicks(maximum, target: 3)
        let top = ticks.last ?? 1
        let labelWidth =
            (c.categories.map { measurer.width(of: $0, size: theme.labelSize, bold: false) }.max() ?? 40) + 14
        let head = theme.labelSize * 1.8
        let half = (plot.width - labelWidth) / 2
        let center0 = plot.x + half
        let center1 = center0 + labelWidth
        let band = (plot.height - head - theme.labelSize * 2) / Double(max(1, n))
        let y0 = plot.y + head
        frame.items.append(
            .text(
                left.name, position: Point(center0 - 4, plot.y + theme.labelSize),
                style: TextStyle(size: theme.labelSize + 1, bold: true, color: color(0), anchor: .end)))
        frame.items.append(
            .text(
                right.name, position: Point(center1 + 4, plot.y + theme.labelSize),
                style: TextStyle(size: theme.labelSize + 1, bold: true, color: color(1))))
        func w(_ v: Double) -> Double { v / top * (half - 30) }
        for t in ticks {
            for (xx, anchor) in [(center0 - w(t), TextStyle.Anchor.middle), (center1 + w(t), .middle)] {
                frame.items.append(
                    .line(
                        [Point(xx, y0), Point(xx, y0 + band * Double(n))], stroke: theme.grid, width: 0.5, dashed: false
                    ))
                frame.items.append(
                    .text(
                        c.format.text(t), position: Point(xx, y0 + band * Double(n) + theme.labelSize * 1.3),
                        style: TextStyle(size: theme.labelSize, color: theme.muted, anchor: anchor)))
            }
        }
        // The oldest group on top, as population pyramids read.
        for i in 0..<n {
            let fila = n - 1 - i
            let yy = y0 + band * Double(fila) + band * 0.12
            let h = band * 0.76
            frame.items.append(
                .text(
                    c.categories[i], position: Point((center0 + center1) / 2, yy + h / 2 + theme.labelSize * 0.35),
                    style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .middle)))
            for (lado, series) in [(0, left), (1, right)] {
                if series.isSuppressed(i) {
                    let xx = lado == 0 ? center0 - 4 : center1 + 4
                    frame.items.append(
                        .text(
                            c.suppressedLabel, position: Point(xx, yy + h / 2 + theme.labelSize * 0.35),
                            style: TextStyle(
                                size: theme.labelSize, bold: true, color: theme.muted, anchor: lado == 0 ? .end : .start
                            )))
                    continue
                }
                guard i < series.values.count, let v = series.values[i] else { continue }
                // A zero has no bar, but its «0» is written: a blank would read as missing data.
                guard v > 0 else {
                    if c.showValues {
                        let xx = lado == 0 ? center0 - 3 : center1 + 3
                        frame.items.append(
                            .text(
                                c.format.text(0), position: Point(xx, yy + h / 2 + theme.labelSize * 0.35),
                                style: TextStyle(
                                    size: theme.labelSize, color: theme.text, anchor: lado == 0 ? .end : .start)))
                    }
                    continue
                }
                let rect =
                    lado == 0
                    ? Rect(x: center0 - w(v), y: yy, width: w(v), height: h)
                    : Rect(x: center1, y: yy, width: w(v), height: h)
                frame.items.append(
                    .rect(rect, fill: color(lado), stroke: nil, tag: "bar:\(series.name):\(c.categories[i])"))
                if c.showValues {
                    let label = c.format.text(v)
                    let xx = lado == 0 ? rect.x - 3 : rect.maxX + 3
                    frame.items.append(
                        .text(
                            label, position: Point(xx, yy + h / 2 + theme.labelSize * 0.35),
                            style: TextStyle(
                                size: theme.labelSize, color: theme.text, anchor: lado == 0 ? .end : .start)))
                }
            }
        }
    }

    func tileMap(_ c: ChartSpec, _ grid: TileGrid, _ mode: ChartSpec.MapMode, _ plot: Rect, into frame: inout Frame) {
        guard let series = c.series.first, grid.rows > 0 else { return }
        let legendHeight = theme.labelSize * 2.2
        let side = min(plot.width / Double(grid.columns), (plot.height - legendHeight) / Double(grid.rows))
        let gap = side * 0.08
        let x0 = plot.x + (plot.width - side * Double(grid.columns)) / 2
        let y0 = plot.y
        var index: [String: Int] = [:]
        for (i, id) in c.categories.enumerated() { index[id] = i }
        let vacio = Color(hex: 0xEEEEEE)
        let suprimido = Color(hex: 0xBBBBBB)
        func clase(_ v: Double) -> (Color, Int) {
            switch mode {
            case .choropleth(let breaks):
                let k = breaks.firstIndex { v <= $0 } ?? breaks.count
                let colores = theme.sequential
                let escala = max(1, breaks.count)
                return (colores[min(colores.count - 1, k * (colores.count - 1) / escala)], k)
            case .categorical:
                let k = Int(exactly: v.rounded(.down)) ?? 0
                return (color(k), k)
            }
        }
        for tile in grid.tiles {
            let rect = Rect(
                x: x0 + Double(tile.column) * side + gap / 2, y: y0 + Double(tile.row) * side + gap / 2,
                width: side - gap, height: side - gap)
            var fill = vacio
            var valor: String?
            if let i = index[tile.id], i < series.values.count {
                if series.isSuppressed(i) {
                    fill = suprimido
                    valor = c.suppressedLabel
                } else if let v = series.values[i] {
                    fill = clase(v).0
                    if case .choropleth = mode { valor = c.format.text(v) }
                }
            }
            frame.items.append(.rect(rect, fill: fill, stroke: .white, tag: "tile:\(tile.id)"))
            let oscuro = fill.red * 0.299 + fill.green * 0.587 + fill.blue * 0.114 < 0.5
            let tinta = oscuro ? Color.white : theme.text
            let size = min(theme.labelSize, side * 0.26)
            frame.items.append(
                .text(
                    tile.label, position: Point(rect.x + rect.width / 2, rect.y + rect.height * 0.45),
                    style: TextStyle(size: size, bold: true, color: tinta, anchor: .middle)))
            if let valor {
                frame.items.append(
                    .text(
                        valor, position: Point(rect.x + rect.width / 2, rect.y + rect.height * 0.8),
                        style: TextStyle(size: size * 0.9, color: tinta, anchor: .middle)))
            }
        }
        // Legend under the grid.
        var entradas: [(String, Color)] = []
        switch mode {
        case .choropleth(let breaks):
            var desde = 0.0
            for (k, b) in breaks.enumerated() {
                entradas.append(
                    (
                        k == 0 ? "Hasta \(c.format.text(b))" : "\(c.format.text(desde + 1)) a \(c.format.text(b))",
                        clase(b).0
                    ))
                desde = b
            }
            entradas.append(("Más de \(c.format.text(desde))", clase(desde + 1).0))
        case .categorical(let nombres):
            entradas = nombres.enumerated().map { ($1, color($0)) }
        }
        if series.suppressed.contains(true) { entradas.append(("\(c.suppressedLabel) (suprimido)", suprimido)) }
        var x = plot.x
        let y = y0 + side * Double(grid.rows) + theme.labelSize * 1.6
        for (texto, fill) in entradas {
            let w = measurer.width(of: texto, size: theme.labelSize, bold: false) + 22
            frame.items.append(
                .rect(
                    Rect(x: x, y: y - theme.labelSize * 0.8, width: 10, height: 10), fill: fill, stroke: nil,
                    tag: "legend:\(texto)"))
            frame.items.append(
                .text(texto, position: Point(x + 14, y), style: TextStyle(size: theme.labelSize, color: theme.text)))
            x += w
        }
    }
}
