internal import CZlibSystem

/// Pull stream over one entry's uncompressed bytes, verifying size limits and CRC-32 as it goes.
///
/// ```swift
/// let stream = try zip.stream(entry)
/// while let chunk = try stream.next() { consume(chunk) }
/// ```
public final class ZipEntryStream: @unchecked Sendable {
    /// Size of the chunks handed out.
    public static let chunkSize = 256 << 10
    private static let inputSize = 64 << 10

    private let archive: ZipArchive
    public let entry: ZipEntry
    private var inputOffset: Int
    private var inputRemaining: Int
    private var produced = 0
    private var crc: UInt = 0
    private var finished = false
    private var zstream: UnsafeMutablePointer<z_stream>?
    private var input: UnsafeMutableRawBufferPointer

    init(archive: ZipArchive, entry: ZipEntry, dataOffset: Int) throws(SpreadsheetError) {
        self.archive = archive
        self.entry = entry
        self.inputOffset = dataOffset
        self.inputRemaining = entry.compressedSize
        self.input = .allocate(byteCount: Self.inputSize, alignment: 16)
        crc = crc32(0, nil, 0)
        if entry.method == 8 {
            let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            z.initialize(to: z_stream())
            guard czlib_inflate_init_raw(z) == Z_OK else {
                z.deallocate()
                input.deallocate()
                throw archive.fail(.corruptEntry(part: entry.name, detail: "no se pudo iniciar zlib"))
            }
            zstream = z
        }
    }

    deinit {
        if let z = zstream {
            inflateEnd(z)
            z.deallocate()
        }
        input.deallocate()
    }

    private func fail(_ detail: String) -> SpreadsheetError {
        archive.fail(.corruptEntry(part: entry.name, detail: detail))
    }

    /// The next chunk of uncompressed bytes, or nil at the end of the entry.
    public func next() throws(SpreadsheetError) -> [UInt8]? {
        if finished { return nil }
        let limit = min(entry.uncompressedSize, archive.limits.maxEntrySize)
        // Filled in place, not zeroed first: only the bytes inflated are written (and their pages
        // touched), which a small entry or the last chunk of a large one is far from filling.
        var failure: SpreadsheetError?
        let out = [UInt8](unsafeUninitializedCapacity: Self.chunkSize) { buffer, count in
            do throws(SpreadsheetError) {
                count = try fill(UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        let filled = out.count
        produced += filled
        if produced > limit {
            throw archive.fail(
                .zipBomb(part: entry.name, detail: "se expande más allá de los \(formatBytes(limit)) que declara"))
        }
        if filled > 0, let problem = archive.budget.charge(bytes: filled, events: 0) {
            throw archive.fail(problem)
        }
        if filled > 0 {
            crc = out.withUnsafeBytes { crc32(crc, $0.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(filled)) }
        }
        if finished {
            guard produced == entry.uncompressedSize else {
                throw fail("mide \(produced) bytes y declara \(entry.uncompressedSize)")
            }
            // The fuzz build (`make fuzz`) skips the CRC so that mutated XML reaches the parser.
            #if !FUZZING
                guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else { throw fail("CRC-32 no coincide") }
            #endif
        }
        if filled == 0 { return finished ? nil : [] }
        return out
    }

    /// Inflates (or copies, for a stored entry) into `outBuf` until it is full or the entry ends;
    /// the number of bytes written.
    private func fill(_ outBuf: UnsafeMutableRawBufferPointer) throws(SpreadsheetError) -> Int {
        guard let raw = outBuf.baseAddress else { return 0 }
        if let z = zstream {
            let base = raw.assumingMemoryBound(to: Bytef.self)
            z.pointee.next_out = base
            z.pointee.avail_out = uInt(outBuf.count)
            while z.pointee.avail_out > 0 {
                if z.pointee.avail_in == 0 && inputRemaining > 0 {
                    let want = min(inputRemaining, Self.inputSize)
                    let got = archive.read(
                        at: inputOffset, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
                    guard got > 0 else { throw archive.fail(.truncated) }
                    inputOffset += got
                    inputRemaining -= got
                    z.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    z.pointee.avail_in = uInt(got)
                }
                let status = inflate(z, Z_NO_FLUSH)
                if status == Z_STREAM_END {
                    finished = true
                    break
                }
                if status == Z_BUF_ERROR && z.pointee.avail_in == 0 && inputRemaining == 0 {
                    throw fail("los datos comprimidos terminan antes de tiempo")
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw fail("datos comprimidos inválidos")
                }
            }
            return outBuf.count - Int(z.pointee.avail_out)
        }
        var filled = 0
        let want = min(inputRemaining, outBuf.count)
        if want > 0 {
            let got = archive.read(at: inputOffset, into: UnsafeMutableRawBufferPointer(rebasing: outBuf[0..<want]))
            guard got > 0 else { throw archive.fail(.truncated) }
            inputOffset += got
            inputRemaining -= got
            filled = got
        }
        if inputRemaining == 0 { finished = true }
        return filled
    }
}
