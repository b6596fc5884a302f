#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Looks at a file's first bytes to decide how to read it.
enum FileProbe {
    static func head(path: String, displayName: String, count: Int = 4096) throws(SpreadsheetError) -> [UInt8] {
        // Non-blocking: a FIFO or device named like a spreadsheet must not hang the reader.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            throw SpreadsheetError(
                file: displayName,
                problem: code == ENOENT ? .fileNotFound : .unreadable(causaDelSistema(code)))
        }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw SpreadsheetError(file: displayName, problem: .unreadable("es una carpeta"))
        }
        if (st.st_mode & S_IFMT) != S_IFREG {
            throw SpreadsheetError(file: displayName, problem: .unreadable("no es un archivo común"))
        }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, count) }
        guard n > 0 else { throw SpreadsheetError(file: displayName, problem: .emptyFile) }
        return Array(buffer[0..<n])
    }

    static func hasSpreadsheetExtension(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xls")
            || lower.hasSuffix(".ods")
    }

    /// Text if it starts with a Unicode BOM or has no control bytes other than tab/CR/LF/FF in its head.
    static func looksLikeText(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            return true
        }
        var control = 0
        for b in head where b < 32 && b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
        // A NUL or two in a text file is reported by the CSV reader with its line number.
        return control <= max(2, head.count / 100)
    }
}
