import CCairo
import Foundation

/// The fonts a document is set in, as a fontconfig configuration of its own: the four styles of each
/// family, plus a broad fallback for the characters they lack. Given the system's configuration,
/// Pango sorts every installed font (hundreds, with Noto) for each new size and style, and runs all
/// the system's rules on every pattern; with a dozen fonts both cost next to nothing. Text set in the
/// families gets the files the system would give it; a character none of them has comes from the
/// fallback instead of from any installed font.
///
/// ```swift
/// let fonts = FontConfiguration.forFamilies(["Noto Sans", "Noto Serif"])
/// fonts.useOnThisThread()  // before creating Pango layouts on this thread
/// ```
final class FontConfiguration: @unchecked Sendable {
    /// A font fontconfig resolves for a family and style, as found on disk.
    struct FontFile: Equatable {
        var path: String
        var size: Int
        var modified: String
    }

    /// Families used for characters the document's families lack (DejaVu Sans covers mathematical
    /// signs, arrows and box drawing), when installed.
    static let fallbackFamilies = ["DejaVu Sans"]

    /// The files, in order: each family's regular, bold, italic and bold italic, then the fallback.
    let files: [FontFile]
    /// The configuration holding only ``files``; nil when fontconfig could not build it (then Pango
    /// keeps the system's).
    let config: OpaquePointer?

    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [[String]: FontConfiguration] = [:]

    /// The configuration for these families, built once per process.
    static func forFamilies(_ families: [String]) -> FontConfiguration {
        lock.lock()
        defer { lock.unlock() }
        if let c = known[families] { return c }
        let c = FontConfiguration(families: families)
        known[families] = c
        return c
    }

    private init(families: [String]) {
        var files: [FontFile] = []
        for family in families {
            for (bold, italic) in [(false, false), (true, false), (false, true), (true, true)] {
                if let f = Self.match(family, bold: bold, italic: italic, exactFamily: false), !files.contains(f) {
                    files.append(f)
                }
            }
        }
        for family in Self.fallbackFamilies {
            for bold in [false, true] {
                if let f = Self.match(family, bold: bold, italic: false, exactFamily: true), !files.contains(f) {
                    files.append(f)
                }
            }
        }
        self.files = files
        var config = files.isEmpty ? nil : FcConfigCreate()
        for f in files where config != nil {
            if FcConfigAppFontAddFile(config, f.path) == 0 {
                FcConfigDestroy(config)
                config = nil
            }
        }
        self.config = config
    }

    deinit {
        if let config { FcConfigDestroy(config) }
    }

    /// What text shaped in these fonts depends on: Pango's and HarfBuzz's versions, the families, and
    /// the font files they are set in (path, size and modification time of each). Widths or glyphs
    /// saved under another fingerprint are never used.
    func shapingFingerprint(family: String, serifFamily: String) -> String {
        ([
            "pango \(String(cString: pango_version_string()))", "harfbuzz \(String(cString: hb_version_string()))",
            "\(family), \(serifFamily)", "sin hinting, posiciones sin redondear",
        ]
            + files.map { "\($0.path) \($0.size) \($0.modified)" }).joined(separator: "\n")
    }

    /// Makes this thread's Pango font map (the one `pango_cairo_create_layout` uses) resolve fonts
    /// through this configuration. Cheap when it already does.
    func useOnThisThread() {
        guard let config else { return }
        ccairo_use_font_config(config)
    }

    /// The file the system's configuration gives `family` in a style, or nil (none, or another family
    /// when `exactFamily`).
    private static func match(_ family: String, bold: Bool, italic: Bool, exactFamily: Bool) -> FontFile? {
        guard let pattern = FcPatternCreate() else { return nil }
        defer { FcPatternDestroy(pattern) }
        _ = FcPatternAddString(pattern, FC_FAMILY, family)
        _ = FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR)
        _ = FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN)
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return nil }
        defer { FcPatternDestroy(match) }
        if exactFamily {
            var name: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch, let name,
                String(cString: name).caseInsensitiveCompare(family) == .orderedSame
            else { return nil }
        }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch, let file else { return nil }
        let path = String(cString: file)
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FontFile(path: path, size: Int(info.st_size), modified: "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
    }
}
