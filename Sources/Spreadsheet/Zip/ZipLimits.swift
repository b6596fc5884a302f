/// Safety limits applied to every ZIP entry before and while it is inflated.
///
/// ```swift
/// var limits = ZipLimits()
/// limits.maxEntrySize = 64 << 20   // refuse parts that inflate past 64 MiB
/// ```
public struct ZipLimits: Sendable {
    /// Largest uncompressed size accepted for one entry (declared and actual).
    public var maxEntrySize: Int = 4 << 30
    /// Largest compression ratio accepted for an entry bigger than ``ratioThreshold``.
    public var maxCompressionRatio: Int = 250
    /// Entries whose uncompressed size is below this are not subject to the ratio limit.
    public var ratioThreshold: Int = 32 << 20
    /// Largest number of entries in the central directory.
    public var maxEntries: Int = 100_000

    public init() {}
}
