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

    // Parser state.
    private var pending: [Row] = []
    private var pendingPosition = 0
    private var fields: [Cell] = []
    private var fieldCount = 0
    private var field = ByteBuffer()
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

    deinit {
        close(fd)
        field.release()
    }

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

    /// Picks the candidate that splits the first lines into the most consistent number (> 1) of fields.
    public static func detectDelimiter(_ sample: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
        if sample.starts(with: Array("sep=".utf8)), sample.count > 4, candidates.contains(sample[4]) {
            return sample[4]
        }
        var counts = [[Int]](repeating: [], count: candidates.count)
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lines = 0
        for b in sample {
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (b == 10 || b == 13) {
                if current.contains(where: { $0 > 0 }) || true {
                    for k in 0..<candidates.count { counts[k].append(current[k]) }
                }
                current = [Int](repeating: 0, count: candidates.count)
                lines += 1
                if lines >= 30 { break }
            } else if !inQuotes, let k = candidates.firstIndex(of: b) {
                current[k] += 1
            }
        }
        if lines < 30 { for k in 0..<candidates.count { counts[k].append(current[k]) } }
        var best = candidates[0]
        var bestScore = 0
        for (k, perLine) in counts.enumerated() {
            let used = perLine.filter { $0 > 0 }
            guard !used.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for c in used { frequency[c, default: 0] += 1 }
            guard
                let (mode, modeLines) = frequency.max(by: { a, b in
                    a.value < b.value || (a.value == b.value && a.key < b.key)
                })
            else { continue }
            // Lines agreeing on the mode count, weighted by how many fields that gives.
            let score = modeLines * 1000 + mode
            if score > bestScore {
                bestScore = score
                best = candidates[k]
            }
        }
        return best
    }

    private func fail(_ problem: SpreadsheetError.Problem) -> SpreadsheetError {
        SpreadsheetError(file: displayName, problem: problem)
    }

    public func next() throws(SpreadsheetError) -> Row? {
        while pendingPosition >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingPosition = 0
            if eof { return nil }
            try readChunk()
        }
        defer { pendingPosition += 1 }
        return pending[pendingPosition]
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
        if !atFieldStart || fieldCount > 0 || !field.isEmpty { try endRecord() }
    }

    private func endField() throws(SpreadsheetError) {
        if !field.isEmpty {
            guard fieldCount < CellReference.maxColumns else { throw fail(.tooManyColumns(line: recordLine)) }
            fields.append(Cell(column: fieldCount, value: .text(field.string)))
            field.reset()
        }
        fieldCount += 1
        guard fieldCount <= CellReference.maxColumns else { throw fail(.tooManyColumns(line: recordLine)) }
        atFieldStart = true
        fieldWasQuoted = false
        quoteJustClosed = false
    }

    private func endRecord() throws(SpreadsheetError) {
        try endField()
        defer {
            fields.removeAll(keepingCapacity: true)
            fieldCount = 0
            recordIndex += 1
        }
        if checkSepLine {
            checkSepLine = false
            // Excel's "sep=;" hint line is not data.
            if fieldCount <= 2, fields.count == 1, case .text(let t) = fields[0].value, t.hasPrefix("sep="),
                t.count <= 5
            {
                recordIndex -= 1
                return
            }
        }
        guard !fields.isEmpty else { return }
        if let expected = expectedFields {
            if fieldCount != expected {
                raggedRecords += 1
                if warnings.count < Self.maxWarnings {
                    warnings.append(
                        "La línea \(recordLine) tiene \(fieldCount) campos; se esperaban \(expected) como en las filas anteriores."
                    )
                }
            }
        } else if fieldCount > 1 {
            expectedFields = fieldCount
        }
        pending.append(Row(index: recordIndex, cells: fields, sourceLine: recordLine))
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
                field.append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                if field.count > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
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
                    field.append(quote)
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
            } else if b == quote && atFieldStart && field.isEmpty {
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
                field.append(UnsafeBufferPointer(rebasing: bytes[i..<j]))
                if field.count > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                i = j
            }
        }
    }
}
