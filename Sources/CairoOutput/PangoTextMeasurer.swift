import CCairo
import Drawing
import Foundation

/// Text widths measured with the same fonts the renderer draws with. Widths already measured are
/// kept, and can be saved to a file and loaded by the next process that uses the same fonts (a
/// document rebuilt after a small change measures again only the text that changed).
///
/// ```swift
/// let measurer = PangoTextMeasurer()
/// measurer.loadMeasurements(from: cache)
/// let w = measurer.width(of: "Informe", style: TextStyle(size: 12, bold: true))
/// try measurer.saveMeasurements(to: cache)
/// ```
public final class PangoTextMeasurer: TextMeasuring, @unchecked Sendable {
    private let surface: OpaquePointer?
    private let context: OpaquePointer?
    private let layout: OpaquePointer?
    private let family: String
    private let serifFamily: String
    private let fonts: FontConfiguration
    private let lock = NSLock()
    /// Widths used by this process: a document is laid out more than once (the contents' page numbers)
    /// and line breaking measures the same text again; shaping with HarfBuzz is the costly part.
    private var measured: [ShapedText: Double] = [:]
    /// Widths loaded from a file and not used yet (a width used moves to ``measured``, so a save keeps
    /// only what the last process used and the file does not grow with every change).
    private var loaded: [ShapedText: Double] = [:]
    /// Whether a width was shaped here since the last load or save.
    private var changed = false
    static let maxMeasured = 200_000

    public init(fontFamily: String = "Noto Sans", serifFamily: String = "Noto Serif") {
        family = fontFamily
        self.serifFamily = serifFamily
        fonts = FontConfiguration.forFamilies([fontFamily, serifFamily])
        fonts.useOnThisThread()
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        context = surface.flatMap { cairo_create($0) }
        layout = context.flatMap { pango_cairo_create_layout($0) }
        if let layout {
            // The widths the drawing surfaces give (see `ccairo_exact_text`), not whole points.
            ccairo_exact_text(pango_layout_get_context(layout))
            pango_layout_context_changed(layout)
        }
    }

    deinit {
        if let layout { g_object_unref(UnsafeMutableRawPointer(layout)) }
        if let context { cairo_destroy(context) }
        if let surface { cairo_surface_destroy(surface) }
    }

    public func width(of text: String, size: Double, bold: Bool) -> Double {
        width(of: text, style: TextStyle(size: size, bold: bold))
    }

    public func width(of text: String, style: TextStyle) -> Double {
        lock.lock()
        defer { lock.unlock() }
        // Without a Pango layout (out of memory), an estimate: half an em per character.
        guard let layout else { return Double(text.count) * style.size * 0.5 }
        let key = ShapedText(text, style)
        if let known = measured[key] { return known }
        if let saved = loaded.removeValue(forKey: key) {
            measured[key] = saved
            return saved
        }
        PangoText.configure(layout, text, style: style, family: family, serifFamily: serifFamily)
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let width = Double(logical.width) / Double(ccairo_pango_scale())
        if measured.count >= Self.maxMeasured { measured.removeAll(keepingCapacity: true) }
        measured[key] = width
        changed = true
        shapedCount += 1
        return width
    }

    /// How many widths were shaped here (not already known nor found in a loaded file).
    public var shaped: Int {
        lock.lock()
        defer { lock.unlock() }
        return shapedCount
    }
    private var shapedCount = 0

    // MARK: - Saved widths

    private static let magic = Array("PangoTextMeasurer 1\n".utf8)

    /// What the widths depend on: Pango's and HarfBuzz's versions, and the font files the families
    /// are set in (path, size and modification time of each). Widths saved under another fingerprint
    /// are never used.
    public lazy var fingerprint: String = fonts.shapingFingerprint(family: family, serifFamily: serifFamily)

    /// Loads the widths saved in `url` under this fingerprint; returns how many were loaded (none when
    /// the file is missing, damaged, or from other fonts or program versions).
    @discardableResult
    public func loadMeasurements(from url: URL) -> Int {
        readMeasurements(from: url).map { use($0) } ?? 0
    }

    /// Widths read from a file once, for every measurer of the same fonts (one per thread) to use.
    public struct ReadWidths: Sendable {
        let fingerprint: String
        let widths: [ShapedText: Double]
        /// How many widths.
        public var count: Int { widths.count }
    }

    /// The widths saved in `url` under this fingerprint, without using them yet; nil when the file is
    /// missing, damaged, or from other fonts or program versions.
    ///
    /// ```swift
    /// let read = measurer.readMeasurements(from: cache)
    /// otherThreadsMeasurer.use(read!)
    /// ```
    public func readMeasurements(from url: URL) -> ReadWidths? {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        let header = Self.magic + Array(fingerprint.utf8) + [0]
        guard data.count >= header.count, data.prefix(header.count).elementsEqual(header) else { return nil }
        var loaded: [ShapedText: Double] = [:]
        let ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            var i = header.count
            func u32() -> Int? {
                guard i + 4 <= raw.count else { return nil }
                defer { i += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            }
            func f64() -> Double? {
                guard i + 8 <= raw.count else { return nil }
                defer { i += 8 }
                return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            }
            guard let n = u32(), n <= Self.maxMeasured else { return false }
            loaded.reserveCapacity(n)
            for _ in 0..<n {
                guard let length = u32(), i + length + 1 <= raw.count else { return false }
                let text = String(decoding: raw[i..<(i + length)], as: UTF8.self)
                let flags = raw[i + length]
                i += length + 1
                guard let size = f64(), let width = f64(), width.isFinite, size.isFinite else { return false }
                let key = ShapedText(
                    text: text, size: size, bold: flags & 1 != 0, italic: flags & 2 != 0, serif: flags & 4 != 0)
                loaded[key] = width
            }
            return i == raw.count
        }
        guard ok else { return nil }
        return ReadWidths(fingerprint: fingerprint, widths: loaded)
    }

    /// Uses widths read by a measurer of the same fonts (``readMeasurements(from:)``); returns how many
    /// (none when they are of other fonts).
    @discardableResult
    public func use(_ read: ReadWidths) -> Int {
        guard read.fingerprint == fingerprint else { return 0 }
        lock.lock()
        defer { lock.unlock() }
        var loaded = read.widths
        for key in measured.keys { loaded.removeValue(forKey: key) }
        self.loaded = loaded
        return loaded.count
    }

    /// Saves the widths this process used to `url` (through a temporary file renamed into place),
    /// unless every one of them came from the file loaded and all of that file was used.
    public func saveMeasurements(to url: URL) throws {
        try measurementsToSave(to: url)?.write()
    }

    /// What ``saveMeasurements(to:)`` would write, taken now (cheap): the file itself can then be
    /// written on another thread while this measurer goes on measuring. Nil when there is nothing new.
    ///
    /// ```swift
    /// let pendientes = medidor.measurementsToSave(to: url)
    /// otroHilo { try? pendientes?.write() }
    /// ```
    public func measurementsToSave(to url: URL) -> SavedMeasurements? {
        lock.lock()
        let entries = measured
        let unchanged = !changed && loaded.isEmpty
        changed = false
        lock.unlock()
        if unchanged && FileManager.default.fileExists(atPath: url.path) { return nil }
        return SavedMeasurements(url: url, header: Self.magic + Array(fingerprint.utf8) + [0], entries: entries)
    }

    /// Widths taken from a measurer, to be written to a file (``PangoTextMeasurer/measurementsToSave(to:)``).
    public struct SavedMeasurements: Sendable {
        let url: URL
        let header: [UInt8]
        let entries: [ShapedText: Double]

        public func write() throws {
            var out = header
            func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out += $0 } }
            func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
            u32(entries.count)
            // In a fixed order (bytes of the text, then size and style): the same widths give the same file.
            let ordered = entries.map { (bytes: Array($0.key.text.utf8), key: $0.key, width: $0.value) }.sorted {
                if $0.bytes != $1.bytes { return $0.bytes.lexicographicallyPrecedes($1.bytes) }
                if $0.key.size != $1.key.size { return $0.key.size < $1.key.size }
                return $0.key.flags < $1.key.flags
            }
            for (bytes, key, width) in ordered {
                u32(bytes.count)
                out += bytes
                out.append(key.flags)
                f64(key.size)
                f64(width)
            }
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
            try PlainFile.write(out, to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CairoError("renombrar \(url.lastPathComponent)")
            }
        }
    }
}
