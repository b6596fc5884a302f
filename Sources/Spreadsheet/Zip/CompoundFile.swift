/// Recognizes OLE2 / Compound File Binary containers: encrypted OOXML or legacy `.xls`.
enum CompoundFile {
    /// `EncryptionInfo` in UTF-16LE, as it appears in the CFB directory of an encrypted workbook.
    static let encryptionInfo: [UInt8] = Array("EncryptionInfo".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    static func classify(_ archive: ZipArchive) -> SpreadsheetError.Problem {
        // The directory stream may be anywhere; scan the first 64 MiB in overlapping blocks.
        let block = 1 << 20
        var offset = 0
        let needle = encryptionInfo
        while offset < 64 << 20 {
            guard let bytes = try? archive.read(at: offset, count: block + needle.count) else {
                // Last, short block.
                if let rest = try? archive.readToEnd(from: offset), rest.firstRange(of: needle) != nil {
                    return .passwordProtected
                }
                break
            }
            if bytes.firstRange(of: needle) != nil { return .passwordProtected }
            offset += block
        }
        return .legacyXLS
    }
}

extension ZipArchive {
    func readToEnd(from offset: Int) throws(SpreadsheetError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while true {
            let n = chunk.withUnsafeMutableBytes { read(at: at, into: $0) }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
            at += n
            if out.count > 64 << 20 { break }
        }
        return out
    }
}
