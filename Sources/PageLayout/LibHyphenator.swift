import CHyphen
import Foundation

/// Spanish (or any) hyphenation with libhyphen's TeX patterns (`/usr/share/hyphen/hyph_es_MX.dic`,
/// Debian's hyphen-es). Pango does not hyphenate Spanish by itself.
public final class LibHyphenator: Hyphenating, @unchecked Sendable {
    private let dict: UnsafeMutablePointer<HyphenDict>
    private let lock = NSLock()

    public init?(path: String = "/usr/share/hyphen/hyph_es_MX.dic") {
        guard let d = hnj_hyphen_load(path) else { return nil }
        dict = d
    }

    deinit { hnj_hyphen_free(dict) }

    /// Character offsets after which the word may break (only for plain lowercase-able words).
    public func breakPoints(_ word: String) -> [Int] {
        let letras = word.filter { $0.isLetter }
        guard letras.count == word.count, word.count >= 5 else { return [] }
        let lower = Array(word.lowercased().utf8)
        var hyphens = [CChar](repeating: 0, count: lower.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        lock.lock()
        let r = lower.withUnsafeBufferPointer { b -> Int32 in
            guard let base = b.baseAddress else { return 1 }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) {
                hnj_hyphen_hyphenate2(dict, $0, Int32(b.count), &hyphens, nil, &rep, &pos, &cut)
            }
        }
        lock.unlock()
        free(rep)
        free(pos)
        free(cut)
        guard r == 0 else { return [] }
        // Byte offsets → character offsets.
        var out: [Int] = []
        var chars = 0
        var i = 0
        while i < lower.count {
            let b = lower[i]
            let len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            i += len
            chars += 1
            if i - 1 < hyphens.count && hyphens[i - 1] & 1 == 1 && i < lower.count { out.append(chars) }
        }
        return out
    }
}
