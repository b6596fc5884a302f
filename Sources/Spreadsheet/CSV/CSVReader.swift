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
    public private(set) var warnings: [String] = []
    /// How many records had a different number of fields than expected (all of them, even those
    /// not listed in ``warnings``).
    public private(set) var raggedRecords = 0

    private static let chunkSize = 256 << 10
    private static let maxWarnings = 50
    private let fd: Int32
    private let options: CSVOptions
    private var transcoder: Transcoder
    private var eof = false
    private var skipHeadBytes: Int

    // Parser state. The fields of the records parsed from a chunk are kept as bytes, back to back in
    // `arena`, with each field's end in `ends`; a `String` is made only for a field a caller asks for as
    // a `Row` (``next()``), never for ``forEachRecord(_:)``.
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private var records: [Record] = []
    private var recordPosition = 0
    /// Where the record being parsed starts in `arena` and `ends` (it may span chunks).
    private var recordArenaStart = 0
    private var recordEndsStart = 0
    private var fieldStart = 0
    private var fieldCount = 0
    private var nonEmptyFields = 0

    /// A parsed record: its fields are `ends[firstEnd..<firstEnd + count]`.
    struct Record {
        var firstEnd: Int
        var count: Int
        var line: Int
        var index: Int
    }
    private var inQuotes = false
    private var quoteJustClosed = false
    private var fieldWasQuoted = false
    private var atFieldStart = true
    private var previousWasCR = false
    private var line = 1
    private var recordLine = 1
    private var recordIndex = 0
    private var expectedFields: Int?
    private var checkSepLine = true

    /// Opens `path`; the first 64 KiB decide the delimiter, a full pass decides UTF-8 vs Windows-1252.
    public init(path: String, displayName: String? = nil, options: CSVOptions = CSVOptions()) throws(SpreadsheetError) {
        let name = displayName ?? path
        self.displayName = name
        self.options = options
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw SpreadsheetError(
                file: name, problem: code == ENOENT ? .fileNotFound : .unreadable(causaDelSistema(code)))
        }
        self.fd = fd
        var head = [UInt8](repeating: 0, count: 64 << 10)
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
            encoding = options.encoding ?? (Self.isValidUTF8(fd: fd) ? .utf8 : .windows1252)
        }
        if let forced = options.encoding { encoding = forced }
        self.encoding = encoding
        self.skipHeadBytes = bom
        self.transcoder = Transcoder(encoding)
        var sample: [UInt8] = []
        var sampleTranscoder = Transcoder(encoding)
        _ = head.dropFirst(bom).withContiguousStorageIfAvailable { sampleTranscoder.convert($0, into: &sample) }
        if let d = options.delimiter {
            delimiter = d
        } else {
            delimiter = Self.detectDelimiter(sample)
        }
    }

    deinit { close(fd) }

    /// Whether the whole file is valid UTF-8 (one streaming pass, bounded memory).
    private static func isValidUTF8(fd: Int32) -> Bool {
        var validator = UTF8Validator()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        var offset = 0
        while true {
            guard let base = buffer.baseAddress else { break }
            let n = pread(fd, base, chunkSize, off_t(offset))
            if n <= 0 { break }
            offset += n
            let ok = validator.feed(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: n))
            if !ok { return false }
        }
        return validator.isComplete
    }

    private func fail(_ problem: SpreadsheetError.Problem) -> SpreadsheetError {
        SpreadsheetError(file: displayName, problem: problem)
    }

    public func next() throws(SpreadsheetError) -> Row? {
        guard let r = try nextParsed() else { return nil }
        var cells: [Cell] = []
        cells.reserveCapacity(r.count)
        arena.withUnsafeBufferPointer { bytes in
            var start = r.firstEnd == 0 ? 0 : ends[r.firstEnd - 1]
            for k in 0..<r.count {
                let end = ends[r.firstEnd + k]
                if end > start {
                    cells.append(
                        Cell(
                            column: k,
                            value: .text(
                                String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))))
                }
                start = end
            }
        }
        return Row(index: r.index, cells: cells, sourceLine: r.line)
    }

    /// Calls `body` with each record's fields as bytes (UTF-8; every field, empty ones too), without
    /// making a `String` of any: the fast path for callers that classify or sum values themselves.
    ///
    /// ```swift
    /// try csv.forEachRecord { record in
    ///     for k in 0..<record.count { record.withField(k) { bytes in total += bytes.count } }
    /// }
    /// ```
    public func forEachRecord(_ body: (CSVRecord) throws(SpreadsheetError) -> Void) throws(SpreadsheetError) {
        while let r = try nextParsed() {
            let record = arena.withUnsafeBufferPointer { bytes in
                ends.withUnsafeBufferPointer { e in
                    CSVRecord(
                        bytes: bytes, ends: UnsafeBufferPointer(rebasing: e[r.firstEnd..<(r.firstEnd + r.count)]),
                        start: r.firstEnd == 0 ? 0 : e[r.firstEnd - 1], line: r.line, index: r.index)
                }
            }
            // The buffers are not touched until the next record is asked for.
            try body(record)
        }
    }

    private func nextParsed() throws(SpreadsheetError) -> Record? {
        while recordPosition >= records.count {
            compact()
            if eof { return nil }
            try readChunk()
        }
        defer { recordPosition += 1 }
        return records[recordPosition]
    }

    /// Drops the records already handed out, keeping the one still being parsed (moved to the front).
    private func compact() {
        let keepBytes = arena.count - recordArenaStart
        let keepEnds = ends.count - recordEndsStart
        if keepBytes > 0 {
            arena.withUnsafeMutableBufferPointer { a in
                guard let base = a.baseAddress else { return }
                (base).update(from: base + recordArenaStart, count: keepBytes)
            }
        }
        arena.removeLast(arena.count - keepBytes)
        if keepEnds > 0 {
            for k in 0..<keepEnds { ends[k] = ends[recordEndsStart + k] - recordArenaStart }
        }
        ends.removeLast(ends.count - keepEnds)
        fieldStart -= recordArenaStart
        recordArenaStart = 0
        recordEndsStart = 0
        records.removeAll(keepingCapacity: true)
        recordPosition = 0
    }

    private var offset = 0
    private var raw = [UInt8](repeating: 0, count: chunkSize)
    private var converted: [UInt8] = []

    private func readChunk() throws(SpreadsheetError) {
        let n = raw.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard n >= 0 else { throw fail(.unreadable(causaDelSistema(errno))) }
        offset += n
        if n == 0 {
            eof = true
            if !transcoder.isComplete { throw fail(.invalidEncoding(encoding: encoding.rawValue, line: line)) }
            try endOfInput()
            return
        }
        let start = skipHeadBytes
        skipHeadBytes = 0
        if encoding == .utf8 {
            try raw.withBuffer { buf throws(SpreadsheetError) in
                try parse(UnsafeBufferPointer(rebasing: buf[start..<n]))
            }
        } else {
            converted.removeAll(keepingCapacity: true)
            let ok = raw.withUnsafeBufferPointer {
                transcoder.convert(UnsafeBufferPointer(rebasing: $0[start..<n]), into: &converted)
            }
            guard ok else { throw fail(.invalidEncoding(encoding: encoding.rawValue, line: line)) }
            try converted.withBuffer { buf throws(SpreadsheetError) in try parse(buf) }
        }
    }

    private func endOfInput() throws(SpreadsheetError) {
        if inQuotes { throw fail(.unterminatedQuote(line: recordLine)) }
        if !atFieldStart || fieldCount > 0 || arena.count > fieldStart { try endRecord() }
    }

    private func endField() throws(SpreadsheetError) {
        if arena.count > fieldStart {
            guard fieldCount < CellReference.maxColumns else { throw fail(.tooManyColumns(line: recordLine)) }
            nonEmptyFields += 1
        }
        ends.append(arena.count)
        fieldStart = arena.count
        fieldCount += 1
        guard fieldCount <= CellReference.maxColumns else { throw fail(.tooManyColumns(line: recordLine)) }
        atFieldStart = true
        fieldWasQuoted = false
        quoteJustClosed = false
    }

    private func endRecord() throws(SpreadsheetError) {
        try endField()
        let count = fieldCount
        let nonEmpty = nonEmptyFields
        let firstEnd = recordEndsStart
        let arenaStart = recordArenaStart
        fieldCount = 0
        nonEmptyFields = 0
        recordIndex += 1
        func drop() {
            arena.removeLast(arena.count - arenaStart)
            ends.removeLast(ends.count - firstEnd)
            fieldStart = arena.count
        }
        defer {
            recordArenaStart = arena.count
            recordEndsStart = ends.count
        }
        if checkSepLine {
            checkSepLine = false
            // Excel's "sep=;" hint line is not data.
            if count <= 2, nonEmpty == 1, arena.count - arenaStart <= 5,
                arena[arenaStart...].starts(with: Array("sep=".utf8))
            {
                recordIndex -= 1
                drop()
                return
            }
        }
        guard nonEmpty > 0 else {
            drop()
            return
        }
        if let expected = expectedFields {
            if count != expected {
                raggedRecords += 1
                if warnings.count < Self.maxWarnings {
                    warnings.append(
                        "La línea \(recordLine) tiene \(count) campos; se esperaban \(expected) como en las filas anteriores."
                    )
                }
            }
        } else if count > 1 {
            expectedFields = count
        }
        records.append(Record(firstEnd: firstEnd, count: count, line: recordLine, index: recordIndex - 1))
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SpreadsheetError) {
        let quote = UInt8(ascii: "\"")
        let d = delimiter
        let limit = options.maxFieldSize
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0 { throw fail(.nulByte(line: line)) }
            if previousWasCR {
                previousWasCR = false
                if b == 10 {
                    i += 1
                    continue
                }
            }
            if inQuotes {
                // Copy everything up to the next quote in one go.
                var j = i
                while j < n && bytes[j] != quote {
                    if bytes[j] == 10 { line += 1 } else if bytes[j] == 0 { throw fail(.nulByte(line: line)) }
                    j += 1
                }
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                if arena.count - fieldStart > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                i = j
                if j < n {
                    inQuotes = false
                    quoteJustClosed = true
                    i += 1
                }
                continue
            }
            if quoteJustClosed {
                quoteJustClosed = false
                if b == quote {
                    // A doubled quote inside a quoted field.
                    arena.append(quote)
                    inQuotes = true
                    i += 1
                    continue
                }
            }
            if b == d {
                try endField()
                i += 1
            } else if b == 10 || b == 13 {
                try endRecord()
                line += 1
                recordLine = line
                previousWasCR = b == 13
                i += 1
            } else if b == quote && atFieldStart && arena.count == fieldStart {
                inQuotes = true
                fieldWasQuoted = true
                atFieldStart = false
                i += 1
            } else {
                atFieldStart = false
                var j = i + 1
                while j < n {
                    let c = bytes[j]
                    if c == d || c == 10 || c == 13 || c == 0 { break }
                    j += 1
                }
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                if arena.count - fieldStart > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                i = j
            }
        }
    }
}
