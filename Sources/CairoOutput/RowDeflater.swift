import CZlibSystem
import Foundation

/// The zlib stream of an image's filtered rows, for a PNG's IDAT, where runs of rows that are all
/// zeros after the filter (a row equal to the one above, with filter Up: most of a chart) are not
/// compressed again in each image: each run is made of chunks compressed once per process for its
/// row length (1, 2, 4… 64 such rows, each chunk a whole deflate block sequence that refers to nothing
/// before it). The rows between runs are compressed by zlib, each stretch flushed whole
/// (`Z_FULL_FLUSH`: nothing after it refers back to it), so the chunks can go between them. Zlib takes
/// about as long for a zero byte as for any other: a chart's PNG is written in about two thirds of the
/// time, a few bytes smaller.
///
/// ```swift
/// let idat = try RowDeflater.deflate(raw, rowBytes: 1 + 3 * width, zeroRows: ceros, level: 3)
/// ```
enum RowDeflater {
    /// Runs shorter than this many rows are left to zlib.
    static let minimumRun = 2
    static let largestChunk = 64

    private static let lock = NSLock()
    /// Chunks by row length, level and number of rows (powers of two).
    nonisolated(unsafe) private static var chunks: [[Int]: [UInt8]] = [:]

    struct Failure: Error {}

    /// `raw` is `rows` rows of `rowBytes` bytes, each starting with its filter byte; `zeroRows[y]` says
    /// row `y` is filter Up (2) followed by zeros only.
    static func deflate(_ raw: UnsafeBufferPointer<UInt8>, rowBytes: Int, zeroRows: [Bool], level: Int32) throws
        -> [UInt8]
    {
        guard let base = raw.baseAddress, rowBytes > 1, raw.count == rowBytes * zeroRows.count else {
            throw Failure()
        }
        var stream = z_stream()
        guard czlib_deflate_init_raw(&stream, level) == Z_OK else { throw Failure() }
        defer { deflateEnd(&stream) }
        // The zlib header of compress2 at levels 2 to 5 (32 KiB window, "fast" compression).
        var out: [UInt8] = [0x78, 0x5E]
        out.reserveCapacity(raw.count / 16)
        var adler = adler32(0, nil, 0)
        let zeroRow = [UInt8](repeating: 0, count: rowBytes - 1)
        let zeroRowAdler = ([2] + zeroRow).withUnsafeBufferPointer { adler32(1, $0.baseAddress, uInt($0.count)) }

        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        func run(_ input: UnsafePointer<UInt8>?, _ count: Int, flush: Int32) throws {
            stream.next_in = UnsafeMutablePointer(mutating: input)
            stream.avail_in = uInt(count)
            repeat {
                let status = buffer.withUnsafeMutableBufferPointer { b -> Int32 in
                    stream.next_out = b.baseAddress
                    stream.avail_out = uInt(b.count)
                    return CZlibSystem.deflate(&stream, flush)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else { throw Failure() }
                out.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
            } while stream.avail_out == 0
        }

        var y = 0
        let rows = zeroRows.count
        while y < rows {
            var end = y
            if zeroRows[y] {
                while end < rows && zeroRows[end] { end += 1 }
                if end - y >= minimumRun {
                    var left = end - y
                    var size = largestChunk
                    while left > 0 {
                        while size > left { size /= 2 }
                        out += try chunk(rowBytes: rowBytes, rows: size, level: level)
                        left -= size
                    }
                    for _ in y..<end { adler = adler32_combine(adler, zeroRowAdler, off_t(rowBytes)) }
                    y = end
                    continue
                }
            }
            // Up to the next run long enough to splice.
            end = y + 1
            while end < rows {
                if zeroRows[end] {
                    var z = end
                    while z < rows && zeroRows[z] && z - end < minimumRun { z += 1 }
                    if z - end >= minimumRun { break }
                }
                end += 1
            }
            let start = base + y * rowBytes
            let count = (end - y) * rowBytes
            adler = adler32(adler, start, uInt(count))
            try run(start, count, flush: Z_FULL_FLUSH)
            y = end
        }
        try run(nil, 0, flush: Z_FINISH)
        let a = UInt32(truncatingIfNeeded: adler)
        out += [UInt8(a >> 24), UInt8((a >> 16) & 255), UInt8((a >> 8) & 255), UInt8(a & 255)]
        return out
    }

    /// `rows` zero rows (filter Up) of `rowBytes` bytes as raw deflate blocks, ending byte-aligned,
    /// not final, referring to nothing before them; made once per process.
    static func chunk(rowBytes: Int, rows: Int, level: Int32) throws -> [UInt8] {
        let key = [rowBytes, Int(level), rows]
        lock.lock()
        let known = chunks[key]
        lock.unlock()
        if let known { return known }
        var row = [UInt8](repeating: 0, count: rowBytes)
        row[0] = 2
        var input: [UInt8] = []
        input.reserveCapacity(rowBytes * rows)
        for _ in 0..<rows { input += row }
        var stream = z_stream()
        guard czlib_deflate_init_raw(&stream, level) == Z_OK else { throw Failure() }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o -> Int32 in
                stream.next_in = i.baseAddress
                stream.avail_in = uInt(i.count)
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                return CZlibSystem.deflate(&stream, Z_FULL_FLUSH)
            }
        }
        guard status == Z_OK, stream.avail_in == 0, stream.avail_out > 0 else { throw Failure() }
        out.removeLast(Int(stream.avail_out))
        lock.lock()
        chunks[key] = out
        lock.unlock()
        return out
    }
}
