import Drawing
import Foundation

/// Lays a ``ChartSpec`` out into a ``Frame``: title, subtitle, legend, plot and source note, with
/// "nice" ticks, wrapped or truncated labels that never overlap, and value labels where they fit.
public struct ChartLayout: Sendable {
    public let measurer: any TextMeasuring
    public var theme = Theme()
    static let margin = 16.0

    public init(measurer: any TextMeasuring) { self.measurer = measurer }

    public func layout(_ chart: ChartSpec, width: Double, height: Double) -> Frame {
        var frame = Frame(width: width, height: height)
        frame.items.append(
            .rect(Rect(x: 0, y: 0, width: width, height: height), fill: .white, stroke: nil, tag: "background"))
        var y = Self.margin
        for line
            in (chart.showHeading
            ? wrap(chart.title, width - 2 * Self.margin, size: theme.titleSize, bold: true, maxLines: 2) : [])
        {
            y += theme.titleSize * 1.15
            frame.items.append(
                .text(
                    line, position: Point(Self.margin, y),
                    style: TextStyle(size: theme.titleSize, bold: true, color: theme.text)))
        }
        if let sub = chart.subtitle {
            for line in wrap(sub, width - 2 * Self.margin, size: theme.subtitleSize, bold: false, maxLines: 2) {
                y += theme.subtitleSize * 1.3
                frame.items.append(
                    .text(
                        line, position: Point(Self.margin, y),
                        style: TextStyle(size: theme.subtitleSize, color: theme.muted)))
            }
        }
        y += 6
        if needsLegend(chart) { y = legend(chart, top: y, width: width, into: &frame) + 4 }
        let sourceLines =
            chart.showHeading
            ? wrap(chart.source, width - 2 * Self.margin, size: theme.sourceSize, bold: false, maxLines: 2) : []
        var sy = height - Self.margin / 2 - Double(sourceLines.count - 1) * theme.sourceSize * 1.3
        for line in sourceLines {
            frame.items.append(
                .text(
                    line, position: Point(Self.margin, sy), style: TextStyle(size: theme.sourceSize, color: theme.muted)
                ))
            sy += theme.sourceSize * 1.3
        }
        let bottom = height - Self.margin / 2 - Double(sourceLines.count) * theme.sourceSize * 1.3 - 6
        let plot = Rect(x: Self.margin, y: y + 4, width: width - 2 * Self.margin, height: max(40, bottom - y - 4))
        switch chart.kind {
        case .bars(let horizontal, let stacking):
            if horizontal {
                horizontalBars(chart, stacking, plot, into: &frame)
            } else {
                verticalBars(chart, stacking, plot, into: &frame)
            }
        case .lines(let target): lines(chart, target, plot, into: &frame)
        case .pyramid: pyramid(chart, plot, into: &frame)
        case .tileMap(let grid, let mode): tileMap(chart, grid, mode, plot, into: &frame)
        }
        return frame
    }

    func color(_ i: Int) -> Color { theme.palette[i % theme.palette.count] }

    func needsLegend(_ c: ChartSpec) -> Bool {
        switch c.kind {
        case .bars, .lines: return c.series.count > 1
        case .pyramid, .tileMap: return false
        }
    }

    /// Swatches and names in rows; returns the y under the legend.
    func legend(_ c: ChartSpec, top: Double, width: Double, into frame: inout Frame) -> Double {
        var x = Self.margin
        var y = top + theme.labelSize
        for (i, s) in c.series.enumerated() {
            let w = measurer.width(of: s.name, size: theme.labelSize, bold: false) + 22
            if x + w > width - Self.margin && x > Self.margin {
                x = Self.margin
                y += theme.labelSize * 1.6
            }
            frame.items.append(
                .rect(
                    Rect(x: x, y: y - theme.labelSize * 0.8, width: 10, height: 10), fill: color(i), stroke: nil,
                    tag: "legend:\(s.name)"))
            frame.items.append(
                .text(s.name, position: Point(x + 14, y), style: TextStyle(size: theme.labelSize, color: theme.text)))
            x += w
        }
        return y + 4
    }

    // MARK: Text

    /// Greedy word wrap into at most `maxLines` lines of at most `maxWidth`; the last line and any
    /// single word too long are truncated with "…".
    public func wrap(_ text: String, _ maxWidth: Double, size: Double, bold: Bool, maxLines: Int) -> [String] {
        func fits(_ s: String) -> Bool { measurer.width(of: s, size: size, bold: bold) <= maxWidth }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if fits(candidate) {
                current = candidate
            } else if current.isEmpty {
                lines.append(truncate(word, maxWidth, size: size, bold: bold))
            } else {
                lines.append(current)
                current = fits(word) ? word : truncate(word, maxWidth, size: size, bold: bold)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            var kept = Array(lines.prefix(maxLines))
            kept[maxLines - 1] = truncate(
                kept[maxLines - 1] + " " + lines[maxLines], maxWidth, size: size, bold: bold, force: true)
            return kept
        }
        return lines
    }

    func truncate(_ text: String, _ maxWidth: Double, size: Double, bold: Bool, force: Bool = false) -> String {
        if !force && measurer.width(of: text, size: size, bold: bold) <= maxWidth { return text }
        var s = text
        while !s.isEmpty && measurer.width(of: s + "…", size: size, bold: bold) > maxWidth { s.removeLast() }
        while s.last == " " { s.removeLast() }
        return s + "…"
    }

    // MARK: Scales

    /// 0 and "nice" steps (1, 2 or 5 × 10ⁿ) up to at least `maximum`, about five of them.
    public static func niceTicks(_ maximum: Double, target: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        let step = nice * magnitude
        var ticks: [Double] = [0]
        while let last = ticks.last, last < maximum - 1e-9 { ticks.append((last + step).rounded(toPlaces: 10)) }
        return ticks
    }

    func tickFormat(_ f: ValueFormat, _ ticks: [Double]) -> ValueFormat {
        // Ticks are whole unless the step is fractional.
        let fractional = ticks.contains { $0 != $0.rounded() }
        switch f {
        case .percent: return .percent(fractional ? 1 : 0)
        default: return fractional ? .decimal(1) : .integer
        }
    }
}

extension Double {
    func rounded(toPlaces p: Int) -> Double {
        let f = pow(10, Double(p))
        return (self * f).rounded() / f
    }
}
