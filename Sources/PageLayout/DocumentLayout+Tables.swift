import Drawing

/// Tables (a header repeated on each page the table continues to) and the source notes under tables
/// and figures.
extension DocumentLayout {
    func table(_ t: Table, _ s: inout State) {
        let size = 8.5
        let total = t.columns.reduce(0) { $0 + $1.width }
        let widths = t.columns.map { $0.width / total * style.contentWidth }
        let pad = 4.0
        func cellLines(_ text: String, _ c: Int, bold: Bool) -> [String] {
            wrapPlain(text, width: widths[c] - 2 * pad, style: TextStyle(size: size, bold: bold))
        }
        func rowHeight(_ cells: [String], bold: Bool) -> Double {
            let n = cells.enumerated().map { cellLines($1, $0, bold: bold).count }.max() ?? 1
            return Double(n) * size * 1.25 + 2 * pad
        }
        let header = t.columns.map(\.title)
        let headerHeight = rowHeight(header, bold: true)
        let captionStyle = TextStyle(size: 9.5, bold: true)
        func caption(_ continued: Bool) {
            s.empty = false
            let text = continued ? t.caption + " (continuación)" : t.caption
            for line in wrapPlain(text, width: style.contentWidth, style: captionStyle) {
                s.y += 12
                s.items.append(.text(line, position: Point(style.marginLeft, s.y), style: captionStyle))
            }
            s.y += 5
        }
        func drawRow(_ cells: [String], bold: Bool, fill: Color?, height: Double) {
            s.empty = false
            var x = style.marginLeft
            if let fill {
                s.items.append(
                    .rect(
                        Rect(x: x, y: s.y, width: style.contentWidth, height: height), fill: fill, stroke: nil, tag: nil
                    ))
            }
            for (c, text) in cells.enumerated() where c < widths.count {
                let lines = cellLines(text, c, bold: bold)
                for (k, line) in lines.enumerated() {
                    let yy = s.y + pad + size * (1.0 + 1.25 * Double(k))
                    let right = t.columns[c].alignment == .right
                    s.items.append(
                        .text(
                            line, position: Point(right ? x + widths[c] - pad : x + pad, yy),
                            style: TextStyle(size: size, bold: bold, anchor: right ? .end : .start)))
                }
                x += widths[c]
            }
            s.y += height
            s.items.append(
                .line(
                    [Point(style.marginLeft, s.y), Point(style.width - style.marginRight, s.y)],
                    stroke: style.ruleColor, width: 0.4, dashed: false))
        }
        let firstRow = t.rows.first.map { rowHeight($0, bold: false) } ?? 0
        // A table that fits whole on a fresh page starts there when less than a quarter of this page is
        // left (splitting it would strand a few rows here); a longer one is split to fill this page.
        let pagina = style.height - style.marginTop - style.marginBottom
        let alto =
            12 * Double(wrapPlain(t.caption, width: style.contentWidth, style: captionStyle).count) + 5 + headerHeight
            + t.rows.enumerated().reduce(0) { $0 + rowHeight($1.1, bold: t.boldRows.contains($1.0)) } + 30
        if s.room < 30 + headerHeight + firstRow * 2 || (alto > s.room && alto <= pagina && s.room < pagina / 4) {
            s.newPage()
        }
        if let id = t.id {
            s.items.append(.destination(id, position: Point(style.marginLeft, s.y)))
            s.anchors[id] = s.pages.count + 1
        }
        caption(false)
        drawRow(header, bold: true, fill: style.tableHeaderFill, height: headerHeight)
        for (i, row) in t.rows.enumerated() {
            let h = rowHeight(row, bold: t.boldRows.contains(i))
            if s.room < h + 14 {
                s.newPage()
                caption(true)
                drawRow(header, bold: true, fill: style.tableHeaderFill, height: headerHeight)
            }
            drawRow(row, bold: t.boldRows.contains(i), fill: nil, height: h)
        }
        nota(t.source, &s)
        s.empty = false
    }

    /// A source note under a table or figure, wrapped to the text width.
    func nota(_ texto: String, _ s: inout State) {
        let st = TextStyle(size: 8, italic: true, color: style.muted)
        for line in wrapPlain(texto, width: style.contentWidth, style: st) {
            s.y += 10.5
            s.items.append(.text(line, position: Point(style.marginLeft, s.y), style: st))
        }
        s.y += 12
    }
}
