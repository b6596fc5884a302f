#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the records of a CSV file as rows of text cells.
///
/// Detects the encoding (BOM, then UTF-8, else Windows-1252) and the delimiter (`,` `;` tab `|`),
/// follows RFC 4180 quoting (quotes doubled, newlines inside quoted fields), caps each field's size
/// and reports NUL bytes and unclosed quotes with their line number. Records whose number of fields
/// differs from the first multi-field record are kept and noted in ``warnings``.
///
/// ```swift
/// let csv = try CSVReader(path: "Victimas.csv")
/// while let row = try csv.next() { print(row.sourceLine!, row.denseValues) }
/// print(csv.encoding, Character(Unicode.Scalar(csv.delimiter)))
/// ```
public final class CSVReader: RowReader {
    public let displayName: String
    public let encoding: TextEncoding
    public let delimiter: UInt8
    /// Records whose number of fields differs from the first multi-field record (at most 50 listed),
    /// complete once reading has ended.
    public var warnings: [String] { producer.parser.warnings }
    /// How many records had a different number of fields than expected (all of them, even those
    /// not listed in ``warnings``).
    public var raggedRecords: Int { producer.parser.raggedRecords }

    /// Files from this size are parsed on a second thread by ``forEachRecord(_:)``.
    static let backgroundSize = 4 << 20
    private let fd: Int32
    private let producer: CSVProducer
    private let background: Bool
    /// The chunk whose records are being handed out (serial reading), and the position in it.
    private var chunk: CSVChunk?
    private var position = 0
    /// The whole file went through ``forEachRecord(_:)`` on a second thread: nothing is left to read.
    private var readInBackground = false

    /// Opens `path`; the first 64 KiB decide the delimiter, a full pass decides UTF-8 vs Windows-1252.
    public init(path: String, displayName: String? = nil, options: CSVOptions = CSVOptions()) throws(SpreadsheetError) {
        let name = displayName ?? path
        self.displayName = name

        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw SpreadsheetError(
                file: name, problem: code == ENOENT ? .fileNotFound : .unreadable(causaDelSistema(code)))
        }
        self.fd = fd
        // Small files (catalogs) get a buffer their size, not a whole chunk.
        var status = stat()
        let size = fstat(fd, &status) == 0 ? Int(status.st_size) : options.chunkSize
        let capacity = max(64, min(options.chunkSize, size + 1))
        var head = [UInt8](repeating: 0, count: min(64 << 10, max(size, 4)))
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        head = Array(head[0..<max(n, 0)])
        var encoding: TextEncoding
        var bom = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
            bom = 3
        } else if head.starts(with: [0xFF, 0xFE]) {
            encoding = .utf16LE
            bom = 2
        } else if head.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16BE
            bom = 2
        } else {
            encoding = options.encoding ?? (Self.isValidUTF8(fd: fd, size: size) ? .utf8 : .windows1252)
        }
        if let forced = options.encoding { encoding = forced }
        self.encoding = encoding
        var sample: [UInt8] = []
        var sampleTranscoder = Transcoder(encoding)
        _ = head.dropFirst(bom).withContiguousStorageIfAvailable { sampleTranscoder.convert($0, into: &sample) }
        let delimiter = options.delimiter ?? Self.detectDelimiter(sample)
        self.delimiter = delimiter
        let fail = { (problem: SpreadsheetError.Problem) in SpreadsheetError(file: name, problem: problem) }
        producer = CSVProducer(
            fd: fd, encoding: encoding, offset: bom, capacity: capacity, chunkSize: options.chunkSize,
            parser: CSVParser(delimiter: delimiter, maxFieldSize: options.maxFieldSize, fail: fail), fail: fail)
        background = size >= Self.backgroundSize && sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    deinit { close(fd) }

    /// Whether the whole file is valid UTF-8 (streaming, bounded memory). A large file is checked in two
    /// halves at once, the second on another thread: it starts at the first byte from the middle on that
    /// is not a continuation byte, so the two answers together are the answer of one pass (the first
    /// half must also end on a whole character).
    private static func isValidUTF8(fd: Int32, size: Int) -> Bool {
        guard size >= backgroundSize, sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else {
            return isValidUTF8(fd: fd, from: 0, to: Int.max)
        }
        var probe: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var middle = size / 2
        let n = withUnsafeMutableBytes(of: &probe) { pread(fd, $0.baseAddress, 4, off_t(middle)) }
        let skipped = withUnsafeBytes(of: &probe) { bytes in
            (0..<max(n, 0)).prefix { bytes[$0] & 0xC0 == 0x80 }.count
        }
        // Four continuation bytes in a row are never UTF-8.
        if skipped == 4 { return false }
        middle += skipped
        final class Answer: @unchecked Sendable { var valid = false }
        let second = Answer()
        let start = middle
        guard let thread = spawnThread({ second.valid = isValidUTF8(fd: fd, from: start, to: Int.max) }) else {
            return isValidUTF8(fd: fd, from: 0, to: Int.max)
        }
        let first = isValidUTF8(fd: fd, from: 0, to: middle)
        pthread_join(thread, nil)
        return first && second.valid
    }

    /// Whether bytes `from..<to` (or to the end) are valid UTF-8 ending on a whole character.
    private static func isValidUTF8(fd: Int32, from start: Int, to end: Int) -> Bool {
        var validator = UTF8Validator()
        let size = CSVProducer.defaultChunkSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        var offset = start
        while offset < end {
            guard let base = buffer.baseAddress else { break }
            let n = pread(fd, base, min(size, end - offset), off_t(offset))
            if n <= 0 { break }
            offset += n
            let ok = validator.feed(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: n))
            if !ok { return false }
        }
        return validator.isComplete
    }

    public func next() throws(SpreadsheetError) -> Row? {
        guard let record = try nextRecord() else { return nil }
        var cells: [Cell] = []
        cells.reserveCapacity(record.count)
        for k in 0..<record.count {
            record.withField(k) { bytes in
                if !bytes.isEmpty {
                    cells.append(Cell(column: k, value: .text(String(decoding: bytes, as: UTF8.self))))
                }
            }
        }
        return Row(index: record.index, cells: cells, sourceLine: record.line)
    }

    /// The next record, parsed on this thread.
    private func nextRecord() throws(SpreadsheetError) -> CSVRecord? {
        if readInBackground { return nil }
        let current = chunk ?? producer.newChunk()
        chunk = current
        while position >= current.records.count {
            if producer.eof { return nil }
            try producer.produce(into: current, after: current)
            position = 0
        }
        defer { position += 1 }
        return current.record(position)
    }

    /// Calls `body` with each record's fields as bytes (UTF-8; every field, empty ones too), without
    /// making a `String` of any: the fast path for callers that classify or sum values themselves.
    /// A large file is read and split on a second thread meanwhile.
    ///
    /// ```swift
    /// try csv.forEachRecord { record in
    ///     for k in 0..<record.count { record.withField(k) { bytes in total += bytes.count } }
    /// }
    /// ```
    public func forEachRecord(_ body: (CSVRecord) throws(SpreadsheetError) -> Void) throws(SpreadsheetError) {
        if background && chunk == nil && !readInBackground, let queue = startBackground() {
            var failure: SpreadsheetError?
            var current: CSVChunk?
            do {
                while let parsed = try queue.next(returning: current) {
                    current = parsed
                    for k in 0..<parsed.records.count { try body(parsed.record(k)) }
                }
            } catch {
                failure = error
            }
            queue.cancel()
            if let thread = backgroundThread { pthread_join(thread, nil) }
            backgroundThread = nil
            if let failure { throw failure }
            return
        }
        while let record = try nextRecord() { try body(record) }
    }

    private var backgroundThread: pthread_t?

    private func startBackground() -> CSVChunkQueue? {
        let producer = self.producer
        let queue = CSVChunkQueue(count: 3) { producer.newChunk() }
        guard let thread = spawnThread({ producer.run(queue) }) else { return nil }
        backgroundThread = thread
        readInBackground = true
        return queue
    }
}
