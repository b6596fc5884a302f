import Drawing

extension ChartLayout {
    /// Values per series and category after stacking mode (percent of each category's total).
    func matrix(_ c: ChartSpec, _ stacking: ChartSpec.Stacking) -> [[Double?]] {
        let base = c.series.map { s in c.categories.indices.map { i in i < s.values.count ? s.values[i] : nil } }
        guard stacking == .percent else { return base }
        return base.map { row in
            row.enumerated().map { i, v in
                let total = base.reduce(0.0) { $0 + ($1[i] ?? 0) }
                return v.map { total > 0 ? $0 / total * 100 : 0 }
            }
        }
    }

    /// The largest bar (a category's total when stacked), its ticks and their format.
    func valueAxis(_ c: ChartSpec, _ stacking: ChartSpec.Stacking, _ values: [[Double?]]) -> (
        Double, [Double], ValueFormat
    ) {
        let maximum: Double
        switch stacking {
        case .percent: maximum = 100
        case .stacked: maximum = c.categories.indices.map { i in values.reduce(0.0) { $0 + ($1[i] ?? 0) } }.max() ?? 1
        case .grouped: maximum = values.flatMap { $0.compactMap { $0 } }.max() ?? 1
        }
        let ticks = Self.niceTicks(maximum)
        return (maximum, ticks, stacking == .percent ? ValueFormat.percent(0) : tickFormat(c.format, ticks))
    }

    /// Horizontal gridlines at each tick of a vertical value axis, with the tick labels on the left;
    /// the zero line is drawn as the axis.
    func valueGridlines(
        _ ticks: [Double], _ format: ValueFormat, area: Rect, y: (Double) -> Double, into frame: inout Frame
    ) {
        for t in ticks {
            frame.items.append(
                .line(
                    [Point(area.x, y(t)), Point(area.maxX, y(t))], stroke: t == 0 ? theme.axis : theme.grid,
                    width: t == 0 ? 1 : 0.5, dashed: false))
            frame.items.append(
                .text(
                    format.text(t), position: Point(area.x - 6, y(t) + theme.labelSize * 0.35),
                    style: TextStyle(size: theme.labelSize, color: theme.muted, anchor: .end)))
        }
    }

    func verticalBars(_ c: ChartSpec, _ stacking: ChartSpec.Stacking, _ plot: Rect, into frame: inout Frame) {
        let values = matrix(c, stacking)
        let n = c.categories.count
        guard n > 0 else { return }
        let (_, ticks, format) = valueAxis(c, stacking, values)
        let top = ticks.last ?? 1
        let axisWidth =
            (ticks.map { measurer.width(of: format.text($0), size: theme.labelSize, bold: false) }.max() ?? 20) + 8
        // Room for two lines of category labels under the axis.
        let labelHeight = theme.labelSize * 2.6
        let area = Rect(
            x: plot.x + axisWidth, y: plot.y + theme.labelSize, width: plot.width - axisWidth,
            height: plot.height - labelHeight - theme.labelSize)
        func y(_ v: Double) -> Double { area.maxY - v / top * area.height }
        valueGridlines(ticks, format, area: area, y: y, into: &frame)
        let band = area.width / Double(n)
        let group = band * 0.72
        let grouped = stacking == .grouped
        let bar = grouped ? group / Double(max(1, c.series.count)) : group
        for i in 0..<n {
            let x0 = area.x + band * Double(i) + (band - group) / 2
            var stack = 0.0
            for (s, series) in c.series.enumerated() {
                let x = grouped ? x0 + bar * Double(s) : x0
                if series.isSuppressed(i) {
                    frame.items.append(
                        .text(
                            c.suppressedLabel, position: Point(x + bar / 2, y(stack) - 3),
                            style: TextStyle(size: theme.labelSize, bold: true, color: theme.muted, anchor: .middle)))
                    continue
                }
                guard let v = values[s][i], v > 0 else { continue }
                let base = grouped ? 0 : stack
                let rect = Rect(x: x, y: y(base + v), width: bar - (grouped ? 1 : 0), height: y(base) - y(base + v))
                frame.items.append(
                    .rect(rect, fill: color(s), stroke: nil, tag: "bar:\(series.name):\(c.categories[i])"))
                if c.showValues {
                    let label =
                        stacking == .percent ? ValueFormat.percent(0).text(v) : c.format.text(series.values[i] ?? v)
                    let w = measurer.width(of: label, size: theme.labelSize, bold: false)
                    if grouped {
                        if w <= bar + 6 {
                            frame.items.append(
                                .text(
                                    label, position: Point(x + bar / 2, rect.y - 3),
                                    style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .middle)))
                        }
                    } else if rect.height >= theme.labelSize + 3 && w <= bar - 2 {
                        frame.items.append(
                            .text(
                                label, position: Point(x + bar / 2, rect.y + rect.height / 2 + theme.labelSize * 0.35),
                                style: TextStyle(size: theme.labelSize, color: .white, anchor: .middle)))
                    }
                }
                stack += v
            }
            let lines = wrap(c.categories[i], band - 4, size: theme.labelSize, bold: false, maxLines: 2)
            for (k, line) in lines.enumerated() {
                frame.items.append(
                    .text(
                        line,
                        position: Point(
                            area.x + band * (Double(i) + 0.5), area.maxY + theme.labelSize * (1.3 + 1.15 * Double(k))),
                        style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .middle)))
            }
        }
    }

    func horizontalBars(_ c: ChartSpec, _ stacking: ChartSpec.Stacking, _ plot: Rect, into frame: inout Frame) {
        let values = matrix(c, stacking)
        let n = c.categories.count
        guard n > 0 else { return }
        let (maximum, ticks, format) = valueAxis(c, stacking, values)
        let top = ticks.last ?? 1
        let band = (plot.height - theme.labelSize * 2) / Double(n)
        let maxLabel = plot.width * 0.38
        let lineCount = band >= theme.labelSize * 2.6 ? 2 : 1
        let labels = c.categories.map { wrap($0, maxLabel, size: theme.labelSize, bold: false, maxLines: lineCount) }
        let labelWidth =
            min(
                maxLabel,
                labels.flatMap { $0 }.map { measurer.width(of: $0, size: theme.labelSize, bold: false) }.max() ?? 40)
            + 8
        let valueRoom =
            c.showValues && stacking == .grouped
            ? (measurer.width(of: c.format.text(maximum), size: theme.labelSize, bold: false) + 8) : 8
        let area = Rect(
            x: plot.x + labelWidth, y: plot.y, width: plot.width - labelWidth - valueRoom, height: band * Double(n))
        func x(_ v: Double) -> Double { area.x + v / top * area.width }
        for t in ticks {
            frame.items.append(
                .line(
                    [Point(x(t), area.y), Point(x(t), area.maxY)], stroke: t == 0 ? theme.axis : theme.grid,
                    width: t == 0 ? 1 : 0.5, dashed: false))
            frame.items.append(
                .text(
                    format.text(t), position: Point(x(t), area.maxY + theme.labelSize * 1.3),
                    style: TextStyle(size: theme.labelSize, color: theme.muted, anchor: .middle)))
        }
        let grouped = stacking == .grouped
        let thickness = band * 0.7
        let bar = grouped ? thickness / Double(max(1, c.series.count)) : thickness
        for i in 0..<n {
            let y0 = area.y + band * Double(i) + (band - thickness) / 2
            var stack = 0.0
            for (s, series) in c.series.enumerated() {
                let yy = grouped ? y0 + bar * Double(s) : y0
                if series.isSuppressed(i) {
                    frame.items.append(
                        .text(
                            c.suppressedLabel, position: Point(x(stack) + 4, yy + bar / 2 + theme.labelSize * 0.35),
                            style: TextStyle(size: theme.labelSize, bold: true, color: theme.muted)))
                    continue
                }
                guard let v = values[s][i], v > 0 else { continue }
                let base = grouped ? 0 : stack
                let rect = Rect(x: x(base), y: yy, width: x(base + v) - x(base), height: bar - (grouped ? 1 : 0))
                frame.items.append(
                    .rect(rect, fill: color(s), stroke: nil, tag: "bar:\(series.name):\(c.categories[i])"))
                if c.showValues && grouped {
                    frame.items.append(
                        .text(
                            c.format.text(series.values[i] ?? v),
                            position: Point(rect.maxX + 4, yy + bar / 2 + theme.labelSize * 0.35),
                            style: TextStyle(size: theme.labelSize, color: theme.text)))
                } else if c.showValues {
                    // Inside its segment, when it fits.
                    let label =
                        stacking == .percent ? ValueFormat.percent(0).text(v) : c.format.text(series.values[i] ?? v)
                    if measurer.width(of: label, size: theme.labelSize, bold: false) + 6 <= rect.width
                        && bar >= theme.labelSize + 2
                    {
                        frame.items.append(
                            .text(
                                label, position: Point(rect.x + rect.width / 2, yy + bar / 2 + theme.labelSize * 0.35),
                                style: TextStyle(size: theme.labelSize, color: .white, anchor: .middle)))
                    }
                }
                stack += v
            }
            let lines = labels[i]
            let mid = area.y + band * (Double(i) + 0.5)
            for (k, line) in lines.enumerated() {
                let offset = (Double(k) - Double(lines.count - 1) / 2) * theme.labelSize * 1.15
                frame.items.append(
                    .text(
                        line, position: Point(area.x - 6, mid + offset + theme.labelSize * 0.35),
                        style: TextStyle(size: theme.labelSize, color: theme.text, anchor: .end)))
            }
        }
    }
}
