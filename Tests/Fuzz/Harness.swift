// A libFuzzer harness for the spreadsheet readers, built by `make fuzz` (not by SwiftPM): the
// Spreadsheet sources and this file are compiled into one module with
// `swiftc -sanitize=fuzzer,address -D FUZZING` (which skips the ZIP CRC-32 check, so that mutations
// of stored XML reach the parser). FUZZ_FORMAT picks the reader: FORMAT_XLSX, FORMAT_CSV or FORMAT_ODS.
//
// Each input is written to a file and read the way the validator reads an envío: every sheet, every
// row, every cell's `normalizedText`. Any SpreadsheetError is a clean outcome; a crash, a hang or
// unbounded memory is a finding.
//
// FORMAT_XML is differential: each input is one XML part, read by the project's own scanner (whole
// and 7 bytes at a time) and by libxml2; a different outcome (events, or accepted against refused)
// is a finding.
#if canImport(Glibc)
    import Glibc
#endif

#if FORMAT_CSV
    private let fileExtension = "csv"
#elseif FORMAT_XML
    private let fileExtension = "xml"
#elseif FORMAT_ODS
    private let fileExtension = "ods"
#else
    private let fileExtension = "xlsx"
#endif

/// One file per process, on tmpfs when there is one.
private let inputPath: String = {
    let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(folder)/informe-fuzz-\(getpid()).\(fileExtension)"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    #if FORMAT_XML
        sameAsLibxml2(Array(UnsafeBufferPointer(start: data, count: size)))
    #else
        let fd = open(inputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return 0 }
        var written = 0
        while written < size {
            let n = write(fd, data + written, size - written)
            if n <= 0 { break }
            written += n
        }
        close(fd)
        readEverything(inputPath)
        #if FORMAT_CSV
            sameInEveryChunking(inputPath)
        #endif
    #endif
    return 0
}

#if FORMAT_CSV
    /// The records (fields, lines, indices) or the error, read in chunks of `size` bytes.
    private func records(_ path: String, chunkSize size: Int) -> String {
        var options = CSVOptions()
        options.chunkSize = size
        var out = ""
        do {
            let csv = try CSVReader(path: path, options: options)
            try csv.forEachRecord { record in
                out += "\(record.index)@\(record.line):"
                for k in 0..<record.count { record.withField(k) { out += String(decoding: $0, as: UTF8.self) + "|" } }
                out += "\n"
            }
            out += csv.warnings.joined(separator: "\n")
        } catch {
            out += "error: \(error.message)"
        }
        return out
    }

    /// Records cut by a chunk's end are parsed again with the next chunk: reading 7 bytes at a time
    /// gives exactly what reading the whole file at once gives.
    func sameInEveryChunking(_ path: String) {
        precondition(records(path, chunkSize: 7) == records(path, chunkSize: 1 << 20), "lectura por bloques distinta")
    }
#endif

/// The reader's limits scaled down for fuzzing (the same checks, reached sooner: inputs are a few KB),
/// so that each execution stays fast.
private let fuzzLimits: ZipLimits = {
    var l = ZipLimits()
    l.maxTotalSize = 64 << 20
    l.maxTotalXMLEvents = 2_000_000
    return l
}()

/// Reads every value of every sheet; only a SpreadsheetError may come out.
func readEverything(_ path: String) {
    do {
        let book = try Workbook.open(path: path, displayName: "entrada.\(fileExtension)", limits: fuzzLimits)
        var total = 0
        for index in book.sheets.indices {
            let reader = try book.rows(ofSheet: index)
            while let row = try reader.next() {
                for cell in row.cells { total &+= cell.value.normalizedText.utf8.count }
                total &+= row.denseValues.count
            }
        }
        if total < 0 { print(total) }
    } catch {
        // Typed throws: every failure is a SpreadsheetError with a Spanish message.
        precondition(error.message.hasPrefix("No se pudo leer «entrada."), "mensaje inesperado")
    }
}

#if FORMAT_XML
    /// A parser's events as text (text runs joined: the two split them differently).
    final class Recorder: XMLEventHandler {
        var out = ""
        private var text: [UInt8] = []

        private func flush() {
            if !text.isEmpty { out += "T" + String(decoding: text, as: UTF8.self) + "\n" }
            text.removeAll()
        }

        override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
            flush()
            out += "S" + name.string
            if let base = attributes.base {
                for i in 0..<attributes.count {
                    out += " " + (base[i * 5 + 2].map { "{" + String(cString: $0) + "}" } ?? "")
                    out += (base[i * 5 + 1].map { String(cString: $0) + ":" } ?? "")
                    out += (base[i * 5].map { String(cString: $0) } ?? "?") + "="
                    out += String(decoding: XMLAttributes.span(base, i), as: UTF8.self)
                }
            }
            out += "\n"
        }

        override func endElement(_ name: XMLName) {
            flush()
            out += "E" + name.string + "\n"
        }

        override func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

        func result(_ error: SpreadsheetError?) -> String {
            flush()
            guard let error else { return out }
            if case .forbiddenDTD = error.problem { return "DTD" }
            return "error"
        }
    }

    private func pieces(_ bytes: [UInt8], _ size: Int) -> () throws(SpreadsheetError) -> [UInt8]? {
        var offset = 0
        return { () throws(SpreadsheetError) -> [UInt8]? in
            guard offset < bytes.count else { return nil }
            let n = min(size, bytes.count - offset)
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }
    }

    /// The scanner, read whole or 7 bytes at a time, gives what libxml2 gives (for UTF-8 parts, the
    /// only ones it reads), except libxml2's one leniency (a NUL byte after the root element) and a
    /// malformed `<!DOCTYPE`, which the scanner refuses as a DTD and libxml2 as bad syntax.
    func sameAsLibxml2(_ bytes: [UInt8]) {
        guard XMLScanner.accepts(bytes) else { return }
        let reference = Recorder()
        var expected: String
        do {
            try XMLStreamParser(handler: reference, file: "f.xlsx", part: "p.xml").parse(
                reading: pieces(bytes, 1 << 20))
            expected = reference.result(nil)
        } catch {
            expected = reference.result(error)
        }
        if expected != "error" && expected != "DTD" && bytes.contains(0) { return }
        for size in [1 << 20, 7] {
            let recorder = Recorder()
            var got: String
            do {
                try XMLScanner(handler: recorder, file: "f.xlsx", part: "p.xml").parse(reading: pieces(bytes, size))
                got = recorder.result(nil)
            } catch {
                got = recorder.result(error)
            }
            // A `<!DOCTYPE` is refused as such by the scanner even where libxml2 first finds the
            // declaration itself malformed: both refuse the part.
            let bothRefuseDTD =
                got == "DTD" && expected == "error" && bytes.firstRange(of: Array("<!DOCTYPE".utf8)) != nil
            precondition(got == expected || bothRefuseDTD, "el escáner y libxml2 difieren (trozos de \(size))")
        }
    }
#endif
