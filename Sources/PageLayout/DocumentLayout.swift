import Drawing

/// Lays blocks out into pages of frames: justified paragraphs with hyphenation, headings kept with
/// what follows, tables whose header repeats on each continued page, figures, a running header, the
/// watermark and "Página N de M". Layout yields frames; a backend writes the PDF.
///
/// ```swift
/// let doc = DocumentLayout(style: PageStyle(), measurer: medidor, hyphenator: NoHyphenation())
/// let paginado = doc.layout([.heading(level: 1, text: "Presentación", id: "presentacion"), .paragraph([Run("…")])])
/// ```
public struct DocumentLayout: Sendable {
    public let style: PageStyle
    public let measurer: any TextMeasuring
    public let hyphenator: any Hyphenating

    public init(style: PageStyle, measurer: any TextMeasuring, hyphenator: any Hyphenating) {
        self.style = style
        self.measurer = measurer
        self.hyphenator = hyphenator
    }

    /// The pages, and where each heading landed (for the table of contents and bookmarks).
    public struct Result: Sendable {
        public var pages: [Frame]
        public var headings: [(id: String, level: Int, text: String, page: Int)]
        /// Pages of the figures and tables that carry an id.
        public var anchors: [String: Int] = [:]
    }

    public func layout(_ blocks: [Block]) -> Result {
        var state = State(style: style)
        for (i, block) in blocks.enumerated() {
            let next = i + 1 < blocks.count ? blocks[i + 1] : nil
            place(block, next: next, &state)
        }
        state.finishPage()
        let total = state.pages.count
        for n in state.pages.indices where !state.plain.contains(n) {
            state.pages[n].items.append(
                .text(
                    style.footerFormat(n + 1, total), position: Point(style.width / 2, style.height - 36),
                    style: TextStyle(size: 8.5, color: style.muted, anchor: .middle)))
        }
        return Result(pages: state.pages, headings: state.headings, anchors: state.anchors)
    }

    struct State {
        let style: PageStyle
        var pages: [Frame] = []
        var items: [FrameItem] = []
        var y: Double
        var running = ""
        var headings: [(id: String, level: Int, text: String, page: Int)] = []
        var empty = true
        /// Pages drawn as given (no header or footer).
        var plain: Set<Int> = []
        var anchors: [String: Int] = [:]

        init(style: PageStyle) {
            self.style = style
            y = style.marginTop
        }

        var bottom: Double { style.height - style.marginBottom }
        var room: Double { bottom - y }

        mutating func finishPage() {
            guard !items.isEmpty || pages.isEmpty else { return }
            var frame = Frame(width: style.width, height: style.height)
            frame.items.append(
                .rect(Rect(x: 0, y: 0, width: style.width, height: style.height), fill: .white, stroke: nil, tag: nil))
            if let w = style.watermark {
                frame.items.append(
                    .text(
                        w, position: Point(style.width / 2, 30),
                        style: TextStyle(size: 8, bold: true, color: Color(hex: 0xB22222), anchor: .middle)))
            }
            if !running.isEmpty && !pages.isEmpty {
                frame.items.append(
                    .text(
                        running, position: Point(style.marginLeft, 50),
                        style: TextStyle(size: 8.5, italic: true, color: style.muted)))
                frame.items.append(
                    .line(
                        [Point(style.marginLeft, 55), Point(style.width - style.marginRight, 55)],
                        stroke: style.ruleColor, width: 0.5, dashed: false))
            }
            frame.items += items
            pages.append(frame)
            items = []
            y = style.marginTop
            empty = true
        }

        mutating func newPage() {
            if !empty { finishPage() }
        }
    }

    var lineHeight: Double { style.bodySize * style.lineHeight }

    func place(_ block: Block, next: Block?, _ s: inout State) {
        switch block {
        case .pageBreak:
            s.newPage()
        case .fullPage(let items):
            s.newPage()
            var frame = Frame(width: style.width, height: style.height)
            frame.items = items
            s.plain.insert(s.pages.count)
            s.pages.append(frame)
        case .spacer(let h):
            s.y += h
        case .heading(let level, let text, let id):
            let size = style.headingSizes[min(level, style.headingSizes.count) - 1]
            let textStyle = TextStyle(size: size, bold: true, color: level == 1 ? style.accent : .black)
            let lines = wrapPlain(text, width: style.contentWidth, style: textStyle)
            let height = Double(lines.count) * size * 1.3 + (level == 1 ? 18 : 10)
            // A chapter starts a page; a heading never stays alone at the bottom.
            if level == 1 { s.newPage() } else if s.room < height + 3 * lineHeight { s.newPage() }
            if level == 1 { s.running = text }
            if !s.empty { s.y += level == 1 ? 0 : 8 }
            s.items.append(.destination(id, position: Point(style.marginLeft, s.y)))
            s.headings.append((id, level, text, s.pages.count + 1))
            for line in lines {
                s.y += size * 1.3
                s.items.append(.text(line, position: Point(style.marginLeft, s.y), style: textStyle))
            }
            if level == 1 {
                s.items.append(
                    .line(
                        [Point(style.marginLeft, s.y + 7), Point(style.width - style.marginRight, s.y + 7)],
                        stroke: style.accent, width: 1.2, dashed: false))
            }
            s.y += level == 1 ? 18 : 6
            s.empty = false
        case .paragraph(let runs):
            paragraph(runs, indent: 0, bullet: nil, &s)
            s.y += lineHeight * 0.45
        case .bullets(let items):
            for item in items { paragraph(item, indent: 14, bullet: "•", &s) }
            s.y += lineHeight * 0.45
        case .table(let table):
            self.table(table, &s)
        case .figure(let frame, let caption, let source, let id):
            let scale = min(1, style.contentWidth / frame.width)
            let captionStyle = TextStyle(size: 9.5, bold: true)
            let captionLines = wrapPlain(caption, width: style.contentWidth, style: captionStyle)
            let height = Double(captionLines.count) * 12 + frame.height * scale + 22
            if s.room < height { s.newPage() }
            if let id {
                s.items.append(.destination(id, position: Point(style.marginLeft, s.y)))
                s.anchors[id] = s.pages.count + 1
            }
            for line in captionLines {
                s.y += 12
                s.items.append(.text(line, position: Point(style.marginLeft, s.y), style: captionStyle))
            }
            s.y += 4
            s.items += frame.placed(
                at: Point(style.marginLeft + (style.contentWidth - frame.width * scale) / 2, s.y), scale: scale)
            s.y += frame.height * scale
            nota(source, &s)
            s.empty = false
        case .tocEntry(let level, let text, let page, let destination):
            let size = level == 1 ? 10.5 : 9.5
            let textStyle = TextStyle(size: size, bold: level == 1)
            if s.room < size * 1.6 { s.newPage() }
            s.y += size * (level == 1 ? 1.9 : 1.5)
            let x = style.marginLeft + Double(level - 1) * 16
            let pageWidth = measurer.width(of: page, style: textStyle)
            let maxText = style.contentWidth - Double(level - 1) * 16 - pageWidth - 24
            let shown = truncate(text, maxText, textStyle)
            let textWidth = measurer.width(of: shown, style: textStyle)
            s.items.append(.text(shown, position: Point(x, s.y), style: textStyle))
            s.items.append(
                .text(
                    page, position: Point(style.width - style.marginRight, s.y),
                    style: TextStyle(size: size, bold: level == 1, anchor: .end)))
            // Dotted leader between text and page number.
            let dot = measurer.width(of: ". ", style: textStyle)
            var dx = x + textWidth + 6
            var leader = ""
            while dx + dot < style.width - style.marginRight - pageWidth - 4 {
                leader += ". "
                dx += dot
            }
            if !leader.isEmpty {
                s.items.append(
                    .text(
                        leader, position: Point(x + textWidth + 6, s.y),
                        style: TextStyle(size: size, color: style.muted)))
            }
            s.items.append(
                .link(
                    Rect(x: x, y: s.y - size, width: style.width - style.marginRight - x, height: size * 1.3),
                    destination: destination))
            s.empty = false
        }
    }

    // MARK: Paragraphs

    struct Word {
        var text: String
        var style: TextStyle
        var width: Double
        /// Joined to the previous word with no space (punctuation after emphasis: "**155**.").
        var glued = false
    }

    func bodyStyle(_ r: Run) -> TextStyle {
        TextStyle(size: style.bodySize, bold: r.bold, italic: r.italic, serif: true)
    }

    /// Breaks runs into justified lines (the last one ragged), hyphenating a word that would
    /// otherwise leave a loose line; avoids a single line alone at the top or bottom of a page.
    func paragraph(_ runs: [Run], indent: Double, bullet: String?, _ s: inout State) {
        var words: [Word] = []
        var previousEndsWord = false
        for r in runs {
            let st = bodyStyle(r)
            // Glued only when neither side of the run boundary has a space ("**155**.").
            let startsGlued = previousEndsWord && !(r.text.first?.isWhitespace ?? true)
            previousEndsWord = !(r.text.last?.isWhitespace ?? true)
            for (k, w) in Self.words(r.text).enumerated() {
                words.append(
                    Word(
                        text: String(w), style: st, width: measurer.width(of: String(w), style: st),
                        glued: k == 0 && startsGlued))
            }
        }
        guard !words.isEmpty else { return }
        let width = style.contentWidth - indent
        let space = measurer.width(of: " ", style: bodyStyle(Run(" ")))
        var lines: [[Word]] = []
        var current: [Word] = []
        var used = 0.0
        var queue = words[...]
        while let w = queue.first {
            queue = queue.dropFirst()
            let extra = current.isEmpty ? w.width : used + (w.glued ? 0 : space) + w.width
            if extra <= width {
                current.append(w)
                used = extra
                continue
            }
            // Try to hyphenate the word into the remaining room.
            let room = width - used - (current.isEmpty ? 0 : space)
            if let (head, tail) = hyphenate(w, room: room) {
                current.append(head)
                lines.append(current)
                current = []
                used = 0
                queue = [tail] + queue
                continue
            }
            if current.isEmpty {
                current = [w]
                used = w.width
                continue
            }
            lines.append(current)
            current = [w]
            used = w.width
        }
        if !current.isEmpty { lines.append(current) }
        // Widows and orphans: never one line alone at either end of a page.
        var index = 0
        while index < lines.count {
            let fit = Int(s.room / lineHeight)
            let left = lines.count - index
            if fit < left {
                var take = fit
                if take == 1 || (index == 0 && take < 2) { take = 0 }
                if left - take == 1 && take > 1 { take -= 1 }
                if take <= 0 {
                    s.newPage()
                    if Int(s.room / lineHeight) < 1 { break }
                    continue
                }
                for k in index..<(index + take) {
                    drawLine(
                        lines[k], last: false, indent: indent, bullet: k == 0 ? bullet : nil, width: width,
                        space: space, &s)
                }
                index += take
                s.newPage()
            } else {
                for k in index..<lines.count {
                    drawLine(
                        lines[k], last: k == lines.count - 1, indent: indent, bullet: k == 0 ? bullet : nil,
                        width: width, space: space, &s)
                }
                index = lines.count
            }
        }
        s.empty = false
    }

    func hyphenate(_ w: Word, room: Double) -> (Word, Word)? {
        guard room > 30 else { return nil }
        let letters = Array(w.text)
        let points = hyphenator.breakPoints(w.text).sorted(by: >)
        for p in points where p >= 2 && p <= letters.count - 2 {
            let head = String(letters[..<p]) + "-"
            let hw = measurer.width(of: head, style: w.style)
            if hw <= room {
                let tail = String(letters[p...])
                return (
                    Word(text: head, style: w.style, width: hw),
                    Word(text: tail, style: w.style, width: measurer.width(of: tail, style: w.style))
                )
            }
        }
        return nil
    }

    func drawLine(
        _ line: [Word], last: Bool, indent: Double, bullet: String?, width: Double, space: Double, _ s: inout State
    ) {
        s.y += lineHeight
        if let bullet {
            s.items.append(.text(bullet, position: Point(style.marginLeft + 3, s.y), style: bodyStyle(Run(bullet))))
        }
        let natural = line.reduce(0) { $0 + $1.width }
        let gapCount = line.dropFirst().filter { !$0.glued }.count
        let gap = last || gapCount == 0 ? space : max(space, (width - natural) / Double(gapCount))
        var x = style.marginLeft + indent
        for (k, w) in line.enumerated() {
            if k > 0 && !w.glued { x += gap }
            s.items.append(.text(w.text, position: Point(x, s.y), style: w.style))
            x += w.width
        }
    }

    // MARK: Text helpers

    func wrapPlain(_ text: String, width: Double, style st: TextStyle) -> [String] {
        var lines: [String] = []
        var current = ""
        for w in Self.words(text) {
            let candidate = current.isEmpty ? w : current + " " + w
            if measurer.width(of: candidate, style: st) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { truncate($0, width, st) }
    }

    func truncate(_ text: String, _ width: Double, _ st: TextStyle) -> String {
        if measurer.width(of: text, style: st) <= width { return text }
        var t = text
        while !t.isEmpty && measurer.width(of: t + "…", style: st) > width { t.removeLast() }
        return t + "…"
    }
}
