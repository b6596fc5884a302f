/// Where a word may be broken with a hyphen (character offsets after which a break is allowed).
public protocol Hyphenating: Sendable {
    func breakPoints(_ word: String) -> [Int]
}

/// Never hyphenates.
public struct NoHyphenation: Hyphenating {
    public init() {}
    public func breakPoints(_ word: String) -> [Int] { [] }
}
