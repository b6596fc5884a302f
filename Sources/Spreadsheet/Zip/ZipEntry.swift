/// One file inside a ZIP archive, as the central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's name as stored (slashes normalized, no leading slash).
    public var name: String
    public var method: Int
    public var flags: Int
    public var crc32: UInt32
    public var compressedSize: Int
    public var uncompressedSize: Int
    public var localHeaderOffset: Int

    var isEncrypted: Bool { flags & 1 != 0 }
}
