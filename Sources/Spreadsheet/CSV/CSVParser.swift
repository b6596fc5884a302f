/// Splits a chunk's text into records (RFC 4180: quotes doubled, line breaks inside quoted
/// fields), keeping the state that spans chunks: line numbers, record numbers, the expected
/// number of fields and the warnings about records that differ from it.
struct CSVParser {
    static let maxWarnings = 50

    let delimiter: UInt8
    let maxFieldSize: Int
    let fail: (SpreadsheetError.Problem) -> SpreadsheetError
    private(set) var warnings: [String] = []
    private(set) var raggedRecords = 0
    /// The line where parsing resumes (1-based).
    private(set) var line = 1
    /// A `\r` ended the last chunk: a `\n` starting the next one belongs to it.
    private var skipLineFeed = false
    private var recordIndex = 0
    private var expectedFields: Int?
    private var checkSepLine = true

    init(delimiter: UInt8, maxFieldSize: Int, fail: @escaping (SpreadsheetError.Problem) -> SpreadsheetError) {
        self.delimiter = delimiter
        self.maxFieldSize = maxFieldSize
        self.fail = fail
    }

    /// The line at the end of the chunk's text (a `\n` or a lone `\r` ends a line), for problems
    /// found there before it is parsed.
    func line(atEndOf chunk: CSVChunk) -> Int {
        var result = line
        var i = chunk.parsePosition
        if skipLineFeed, i < chunk.filled, chunk.buffer[i] == 10 { i += 1 }
        while i < chunk.filled {
            let b = chunk.buffer[i]
            if b == 10 || (b == 13 && (i + 1 == chunk.filled || chunk.buffer[i + 1] != 10)) { result += 1 }
            i += 1
        }
        return result
    }

    /// Parses `chunk.buffer[chunk.parsePosition..<chunk.filled]` into records; stops before a record
    /// the chunk's end cut (unless `atEnd`, when the file's last record may lack its line break).
    mutating func parse(_ chunk: CSVChunk, atEnd: Bool) throws(SpreadsheetError) {
        let p = UnsafePointer(chunk.buffer)
        let n = chunk.filled
        let d = delimiter
        let quote = UInt8(ascii: "\"")
        let limit = maxFieldSize
        var i = chunk.parsePosition
        if skipLineFeed, i < n {
            skipLineFeed = false
            if p[i] == 10 { i += 1 }
        }
        var committed = i
        // Worked on as locals (a class's array property written back on every append is slow).
        var spans = chunk.spans
        var records = chunk.records
        chunk.spans = []
        chunk.records = []
        defer {
            chunk.parsePosition = committed
            chunk.spans = spans
            chunk.records = records
        }
        // Bytes that end an unquoted field, as a table (one load per byte instead of four compares).
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { stop throws(SpreadsheetError) in
            stop.initialize(repeating: 0)
            for b in [d, 10, 13, 0] { stop[Int(b)] = 1 }
            records: while i < n {
                let recordLine = line
                var lines = 0
                let firstField = spans.count / 2
                var count = 0
                var nonEmpty = 0
                var endedByCR = false
                fields: while true {
                    var start = i
                    var end: Int
                    var flag = 0
                    if i < n && p[i] == quote {
                        // Quoted: up to the closing quote (doubled quotes and line breaks inside).
                        start = i + 1
                        var j = start
                        while true {
                            while j < n && p[j] != quote {
                                if p[j] == 10 {
                                    lines += 1
                                } else if p[j] == 0 {
                                    throw fail(.nulByte(line: recordLine + lines))
                                }
                                j += 1
                            }
                            if j == n {
                                if atEnd { throw fail(.unterminatedQuote(line: recordLine)) }
                                if j - start > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                                break records
                            }
                            if j + 1 < n && p[j + 1] == quote {
                                flag = CSVRecord.needsDecoding
                                j += 2
                                continue
                            }
                            if j + 1 == n && !atEnd { break records }
                            break
                        }
                        end = j
                        j += 1
                        if j < n, stop[Int(p[j])] == 0 || p[j] == 0 {
                            // Text after the closing quote is kept (`"a"b` is `ab`).
                            flag = CSVRecord.needsDecoding
                            while j < n && stop[Int(p[j])] == 0 { j += 1 }
                            if j == n && !atEnd { break records }
                            if j < n && p[j] == 0 { throw fail(.nulByte(line: recordLine + lines)) }
                            end = j
                        }
                        i = j
                    } else {
                        var j = i
                        while j < n && stop[Int(p[j])] == 0 { j += 1 }
                        if j == n && !atEnd {
                            if j - start > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                            break records
                        }
                        if j < n && p[j] == 0 { throw fail(.nulByte(line: recordLine + lines)) }
                        end = j
                        i = j
                    }
                    if end - start > limit { throw fail(.fieldTooLarge(line: recordLine, limit: limit)) }
                    spans.append(start)
                    spans.append(end | flag)
                    count += 1
                    if end > start && (flag == 0 || !CSVRecord.decode(p, start, end).isEmpty) { nonEmpty += 1 }
                    guard count <= CellReference.maxColumns else { throw fail(.tooManyColumns(line: recordLine)) }
                    if i == n { break fields }  // the file's last record, without a line break
                    let t = p[i]
                    i += 1
                    if t == d {
                        if i == n && !atEnd { break records }
                        continue fields
                    }
                    lines += 1
                    if t == 13 {
                        if i < n {
                            if p[i] == 10 { i += 1 }
                        } else if !atEnd {
                            endedByCR = true
                        }
                    }
                    break fields
                }
                line = recordLine + lines
                committed = i
                if endedByCR { skipLineFeed = true }
                endRecord(
                    chunk.buffer, &spans, &records, firstField: firstField, count: count, nonEmpty: nonEmpty,
                    line: recordLine)
            }
        }
        // A record cut by the chunk's end: forget its fields, parse it again with the next chunk.
        let kept = records.last.map { 2 * ($0.firstField + $0.count) } ?? 0
        spans.removeLast(spans.count - kept)
    }

    private mutating func endRecord(
        _ buffer: UnsafeMutablePointer<UInt8>, _ spans: inout [Int], _ records: inout [CSVChunk.Record],
        firstField: Int, count: Int, nonEmpty: Int, line recordLine: Int
    ) {
        recordIndex += 1
        if checkSepLine {
            checkSepLine = false
            // Excel's "sep=;" hint line is not data.
            let first = spans[2 * firstField]
            let length = (spans[2 * firstField + 1] & ~CSVRecord.needsDecoding) - first
            if count <= 2, nonEmpty == 1, length <= 5,
                UnsafeBufferPointer(start: buffer + first, count: length).starts(with: "sep=".utf8)
            {
                recordIndex -= 1
                spans.removeLast(2 * count)
                return
            }
        }
        guard nonEmpty > 0 else {
            spans.removeLast(2 * count)
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
        records.append(.init(firstField: firstField, count: count, line: recordLine, index: recordIndex - 1))
    }
}
