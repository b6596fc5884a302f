import CCairo
import CZlibSystem
import Foundation

/// Texts already shaped into glyphs, shared by every surface a renderer draws on (each chart, the PDF)
/// and on any thread, and saved to a file for the next process that uses the same fonts: a document
/// drawn again after a small change shapes only the texts that changed. A text in a style is shaped
/// once; drawing it takes its glyphs from here.
///
/// ```swift
/// let glyphs = GlyphCache()
/// glyphs.load(from: cache)
/// var renderer = CairoRenderer()
/// renderer.glyphs = glyphs
/// try renderer.writePDF(pages, to: pdf)
/// try glyphs.save(to: cache)
/// ```
public final class GlyphCache: @unchecked Sendable {
    /// A text in a style, on a surface drawn at `scale` (the glyphs do not depend on it, but a run is
    /// only taken for the scale it was shaped at).
    struct Key: Hashable {
        var text: ShapedText
        var scale: Double
    }

    public let fontFamily: String
    public let serifFamily: String
    private let lock = NSLock()
    /// Runs used by this process (a save keeps only these, so the file does not grow with each change).
    private var used: [Key: GlyphRun] = [:]
    /// Runs loaded from a file and not used yet.
    private var loaded: [Key: GlyphRun] = [:]
    private var changed = false
    private var shapedCount = 0
    static let maxRuns = 100_000
    static let maxGlyphs = 4_096

    public init(fontFamily: String = "Noto Sans", serifFamily: String = "Noto Serif") {
        self.fontFamily = fontFamily
        self.serifFamily = serifFamily
    }

    /// What the glyphs depend on (as the measurer's widths) and the layout of a glyph in memory.
    public lazy var fingerprint: String =
        FontConfiguration.forFamilies([fontFamily, serifFamily]).shapingFingerprint(
            family: fontFamily, serifFamily: serifFamily) + "\nPangoGlyphInfo \(MemoryLayout<PangoGlyphInfo>.stride)"

    /// How many runs were shaped here (not found already shaped nor in a loaded file).
    public var shaped: Int {
        lock.lock()
        defer { lock.unlock() }
        return shapedCount
    }

    func run(_ key: Key) -> GlyphRun? {
        lock.lock()
        defer { lock.unlock() }
        if let known = used[key] { return known }
        if let saved = loaded.removeValue(forKey: key) {
            used[key] = saved
            return saved
        }
        return nil
    }

    func add(_ run: GlyphRun, for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        guard used[key] == nil else { return }
        if used.count >= Self.maxRuns { used.removeAll(keepingCapacity: true) }
        used[key] = run
        loaded.removeValue(forKey: key)
        changed = true
        shapedCount += 1
    }

    // MARK: - Saved runs

    private static let magic = Array("GlyphCache 1\n".utf8)

    private var header: [UInt8] { Self.magic + Array(fingerprint.utf8) + [0] }

    /// Loads the runs saved in `url` under this fingerprint; returns how many (none when the file is
    /// missing, damaged, or from other fonts or program versions).
    @discardableResult
    public func load(from url: URL) -> Int {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return 0 }
        let header = self.header
        guard data.count >= header.count + 12, data.prefix(header.count).elementsEqual(header) else { return 0 }
        let stride = MemoryLayout<PangoGlyphInfo>.stride
        var runs: [Key: GlyphRun] = [:]
        let ok = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let end = raw.count - 8
            guard Self.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<end])) == Self.u64(raw, at: end) else {
                return false
            }
            var i = header.count
            func u32() -> Int? {
                guard i + 4 <= end else { return nil }
                defer { i += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            }
            func f64() -> Double? {
                guard i + 8 <= end else { return nil }
                defer { i += 8 }
                return Double(bitPattern: Self.u64(raw, at: i))
            }
            guard let n = u32(), n <= Self.maxRuns else { return false }
            runs.reserveCapacity(n)
            for _ in 0..<n {
                guard let length = u32(), length > 0, i + length + 1 <= end,
                    let text = String(validating: raw[i..<(i + length)], as: UTF8.self)
                else { return false }
                let flags = raw[i + length]
                i += length + 1
                guard let size = f64(), let scale = f64(), let width = f64(), let baseline = f64(),
                    let characters = u32(), characters == text.unicodeScalars.count, let count = u32(),
                    count > 0, count <= Self.maxGlyphs, i + count * (stride + 4) <= end,
                    [size, scale, width, baseline].allSatisfy(\.isFinite)
                else { return false }
                var glyphs = [PangoGlyphInfo](repeating: PangoGlyphInfo(), count: count)
                glyphs.withUnsafeMutableBytes { g in
                    g.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[i..<(i + count * stride)]))
                }
                i += count * stride
                var clusters: [Int32] = []
                clusters.reserveCapacity(count)
                for _ in 0..<count {
                    guard let c = u32(), c < length else { return false }
                    clusters.append(Int32(c))
                }
                let key = ShapedText(
                    text: text, size: size, bold: flags & 1 != 0, italic: flags & 2 != 0, serif: flags & 4 != 0)
                runs[Key(text: key, scale: scale)] = GlyphRun(
                    width: width, baseline: baseline, characters: Int32(characters), glyphs: glyphs,
                    clusters: clusters)
            }
            return i == end
        }
        guard ok else { return 0 }
        lock.lock()
        defer { lock.unlock() }
        for key in used.keys { runs.removeValue(forKey: key) }
        loaded = runs
        return runs.count
    }

    /// Saves the runs this process used to `url` (a temporary file renamed into place), unless all
    /// of them came from the file loaded and all of that file was used.
    public func save(to url: URL) throws {
        lock.lock()
        let entries = used
        let unchanged = !changed && loaded.isEmpty
        changed = false
        lock.unlock()
        if unchanged && FileManager.default.fileExists(atPath: url.path) { return }
        var out = header
        out.reserveCapacity(
            header.count + 12
                + entries.reduce(0) {
                    $0 + $1.key.text.text.utf8.count + 45 + $1.value.glyphs.count
                        * (MemoryLayout<PangoGlyphInfo>.stride + 4)
                })
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out += $0 } }
        func f64(_ v: Double) { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        u32(entries.count)
        // In a fixed order (bytes of the text, then size, scale and style): the same runs give the same file.
        let ordered = entries.map { (bytes: Array($0.key.text.text.utf8), key: $0.key, run: $0.value) }.sorted {
            if $0.bytes != $1.bytes { return $0.bytes.lexicographicallyPrecedes($1.bytes) }
            if $0.key.text.size != $1.key.text.size { return $0.key.text.size < $1.key.text.size }
            if $0.key.scale != $1.key.scale { return $0.key.scale < $1.key.scale }
            return $0.key.text.flags < $1.key.text.flags
        }
        for (bytes, key, run) in ordered {
            u32(bytes.count)
            out += bytes
            out.append(key.text.flags)
            for v in [key.text.size, key.scale, run.width, run.baseline] { f64(v) }
            u32(Int(run.characters))
            u32(run.glyphs.count)
            run.glyphs.withUnsafeBytes { out += $0 }
            for c in run.clusters { u32(Int(c)) }
        }
        let sum = out.withUnsafeBytes { Self.checksum($0) }
        withUnsafeBytes(of: sum.littleEndian) { out += $0 }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try PlainFile.write(out, to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw CairoError("renombrar \(url.lastPathComponent)") }
    }

    private static func u64(_ raw: UnsafeRawBufferPointer, at i: Int) -> UInt64 {
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    /// zlib's CRC-32 of the bytes and their count: a file cut short or changed is not used.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        var crc: uLong = 0
        var offset = 0
        // crc32 takes at most 4 GiB at a time (uInt).
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            crc = crc32(crc, base.assumingMemoryBound(to: UInt8.self) + offset, uInt(n))
            offset += n
        }
        return UInt64(crc & 0xFFFF_FFFF) << 32 | UInt64(UInt32(truncatingIfNeeded: bytes.count))
    }
}
