#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a CSV file chunk by chunk (converting it to UTF-8) and parses each chunk into records;
/// on its own thread when the file is large, handing parsed chunks over through ``CSVChunkQueue``.
final class CSVProducer: @unchecked Sendable {
    static let defaultChunkSize = 256 << 10

    private let fd: Int32
    private let encoding: TextEncoding
    private var transcoder: Transcoder
    private(set) var parser: CSVParser
    private let fail: (SpreadsheetError.Problem) -> SpreadsheetError
    private let firstCapacity: Int
    private let chunkSize: Int
    /// File offset of the next read.
    private var offset: Int
    private(set) var eof = false
    private var pendingError: SpreadsheetError?
    private var raw: [UInt8] = []
    private var converted: [UInt8] = []

    init(
        fd: Int32, encoding: TextEncoding, offset: Int, capacity: Int, chunkSize: Int, parser: CSVParser,
        fail: @escaping (SpreadsheetError.Problem) -> SpreadsheetError
    ) {
        self.fd = fd
        self.encoding = encoding
        self.transcoder = Transcoder(encoding)
        self.offset = offset
        self.firstCapacity = capacity
        self.chunkSize = max(1, chunkSize)
        self.parser = parser
        self.fail = fail
    }

    /// Fills `chunk` (emptied, starting with the unparsed tail of `previous`) until it holds at least
    /// one record or the file ends.
    /// The records before a problem are handed out first; the problem comes with the next chunk.
    func produce(into chunk: CSVChunk, after previous: CSVChunk?) throws(SpreadsheetError) {
        if let pendingError { throw pendingError }
        chunk.start(after: previous)
        while chunk.records.isEmpty && !eof {
            do {
                try read(into: chunk)
            } catch {
                if chunk.records.isEmpty { throw error }
                pendingError = error
                return
            }
        }
    }

    func newChunk() -> CSVChunk { CSVChunk(capacity: firstCapacity) }

    private func read(into chunk: CSVChunk) throws(SpreadsheetError) {
        var n = 0
        if encoding == .utf8 {
            // A record longer than the buffer: twice the room (each field is capped, so is this).
            let room = chunk.capacity - chunk.filled
            if room == 0 || room < min(chunkSize / 4, chunk.capacity / 2) {
                chunk.grow(to: max(chunk.capacity * 2, chunk.filled + chunkSize))
            }
            n = pread(fd, chunk.buffer + chunk.filled, min(chunkSize, chunk.capacity - chunk.filled), off_t(offset))
            guard n >= 0 else { throw fail(.unreadable(causaDelSistema(errno))) }
            offset += n
            chunk.filled += n
        } else {
            if raw.isEmpty { raw = [UInt8](repeating: 0, count: chunkSize) }
            n = raw.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
            guard n >= 0 else { throw fail(.unreadable(causaDelSistema(errno))) }
            offset += n
            converted.removeAll(keepingCapacity: true)
            let ok = raw.withUnsafeBufferPointer {
                transcoder.convert(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &converted)
            }
            if chunk.capacity - chunk.filled < converted.count {
                chunk.grow(to: max(chunk.capacity * 2, chunk.filled + converted.count))
            }
            converted.withUnsafeBufferPointer { c in
                if let base = c.baseAddress { (chunk.buffer + chunk.filled).update(from: base, count: c.count) }
            }
            chunk.filled += converted.count
            if !ok {
                // The records before the bad character are handed out; the error names its line.
                let line = parser.line(atEndOf: chunk)
                try parser.parse(chunk, atEnd: false)
                throw fail(.invalidEncoding(encoding: encoding.rawValue, line: line))
            }
        }
        if n == 0 {
            eof = true
            if !transcoder.isComplete {
                let line = parser.line(atEndOf: chunk)
                try parser.parse(chunk, atEnd: true)
                throw fail(.invalidEncoding(encoding: encoding.rawValue, line: line))
            }
        }
        try parser.parse(chunk, atEnd: eof)
    }

    /// Produces every chunk on the calling thread (the background one), recycling the chunks the
    /// consumer hands back, until the file ends, an error or the consumer leaves.
    func run(_ queue: CSVChunkQueue) {
        var previous: CSVChunk?
        do {
            while !eof {
                guard let chunk = queue.free() else { return }
                try produce(into: chunk, after: previous)
                guard queue.push(chunk) else { return }
                previous = chunk
            }
            queue.finish(nil)
        } catch {
            queue.finish(error)
        }
    }
}

/// Parsed chunks from the producer's thread to the consumer, and used ones back: at most `count`
/// chunks exist, so memory stays bounded.
final class CSVChunkQueue: @unchecked Sendable {
    private let parsed = HandoffQueue<CSVChunk>(limit: nil)
    private let spare = HandoffQueue<CSVChunk>(limit: nil)
    private var created = 0
    private let count: Int
    private let make: () -> CSVChunk

    init(count: Int, make: @escaping () -> CSVChunk) {
        self.count = count
        self.make = make
    }

    /// Producer: a chunk to fill (new, or one the consumer is done with); nil once cancelled.
    func free() -> CSVChunk? {
        if let chunk = spare.takeIfReady() { return chunk }
        if created < count {
            created += 1
            return make()
        }
        return (try? spare.take()) ?? nil
    }

    /// Producer: hands over a parsed chunk. False once the consumer is gone.
    func push(_ chunk: CSVChunk) -> Bool { parsed.push(chunk) }

    /// Producer: no more chunks (with the error that ended them, if any).
    func finish(_ failure: SpreadsheetError?) { parsed.finish(failure) }

    /// Consumer: gives back a chunk it is done with and takes the next parsed one (nil at the end;
    /// the producer's error is thrown after the chunks before it).
    func next(returning used: CSVChunk?) throws(SpreadsheetError) -> CSVChunk? {
        if let used { _ = spare.push(used) }
        return try parsed.take()
    }

    /// Consumer: stops the producer.
    func cancel() {
        parsed.cancel()
        spare.cancel()
    }
}
