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
    /// Largest number of bytes inflated from all of a file's parts together (re-reads included).
    public var maxTotalSize: Int = 1 << 30
    /// Largest number of XML events (elements and text runs) parsed from all of a file's parts.
    public var maxTotalXMLEvents: Int = 100_000_000
    /// What opening a part costs against ``maxTotalSize``, so that thousands of tiny re-reads are
    /// bounded too.
    public var partOpeningCost: Int = 256 << 10

    public init() {}
}
