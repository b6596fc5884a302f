internal import CZlibSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only ZIP archive read through its central directory (stored and deflate, ZIP64).
///
/// Entries are inflated as streams with the caps of ``ZipLimits``; nothing is memory-mapped and no
/// entry is held whole unless the caller asks for it.
///
/// ```swift
/// let zip = try ZipArchive(path: "libro.xlsx")
/// let bytes = try zip.contents(of: zip.entry(named: "xl/workbook.xml")!, maxSize: 1 << 20)
/// ```
public final class ZipArchive: @unchecked Sendable {
    /// The name used in error messages.
    public let displayName: String
    public let limits: ZipLimits
    /// The work this file has cost so far, across every part read (see ``ReadBudget``).
    public let budget: ReadBudget
    public private(set) var entries: [ZipEntry] = []
    private var index: [String: Int] = [:]
    /// The open file; -1 once closed (a failed init closes it, and deinit must not close it again:
    /// by then the number may belong to another thread's file).
    private var fd: Int32
    private let fileSize: Int

    /// Opens `path` and reads its central directory.
    public init(path: String, displayName: String? = nil, limits: ZipLimits = ZipLimits()) throws(SpreadsheetError) {
        self.displayName = displayName ?? path
        self.limits = limits
        self.budget = ReadBudget(limits: limits)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw SpreadsheetError(
                file: displayName ?? path,
                problem: code == ENOENT ? .fileNotFound : .unreadable(causaDelSistema(code)))
        }
        self.fd = fd
        var st = stat()
        fstat(fd, &st)
        self.fileSize = Int(st.st_size)
        do {
            try readCentralDirectory()
        } catch {
            close(fd)
            self.fd = -1
            throw error
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// A 64-bit size or offset from the archive, capped at 2^48 so that sums never overflow.
    static func size(_ value: UInt64) -> Int { Int(min(value, 1 << 48)) }

    /// Looks an entry up by name, ignoring case, backslashes and a leading slash.
    public func entry(named name: String) -> ZipEntry? {
        index[Self.key(name)].map { entries[$0] }
    }

    static func key(_ name: String) -> String {
        var n = name.replacingBackslashes()
        while n.hasPrefix("/") { n.removeFirst() }
        return n.lowercased()
    }

    func fail(_ problem: SpreadsheetError.Problem) -> SpreadsheetError {
        SpreadsheetError(file: displayName, problem: problem)
    }

    // MARK: Reading raw bytes

    /// Reads exactly `count` bytes at `offset`, or throws `.truncated`.
    func read(at offset: Int, count: Int) throws(SpreadsheetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= fileSize, count <= fileSize - offset else { throw fail(.truncated) }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail(.truncated) }
            done += n
        }
        return out
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n < 0 && errno == EINTR { continue }
            return max(n, 0)
        }
    }

    // MARK: Central directory

    private func readCentralDirectory() throws(SpreadsheetError) {
        guard fileSize > 0 else { throw fail(.emptyFile) }
        let head = try read(at: 0, count: min(8, fileSize))
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw fail(CompoundFile.classify(self))
        }
        let looksLikeZip = head.starts(with: [0x50, 0x4B])
        let tailSize = min(fileSize, 22 + 65_535)
        let tail = try read(at: fileSize - tailSize, count: tailSize)
        var eocdInTail = -1
        var i = tailSize - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 5 && tail[i + 3] == 6 {
                let commentLength = Int(tail.u16(i + 20))
                if i + 22 + commentLength <= tailSize {
                    eocdInTail = i
                    break
                }
            }
            i -= 1
        }
        guard eocdInTail >= 0 else { throw fail(looksLikeZip ? .truncated : .notAZip) }
        let eocdOffset = fileSize - tailSize + eocdInTail
        var count = Int(tail.u16(eocdInTail + 10))
        var cdSize = Int(tail.u32(eocdInTail + 12))
        var cdOffset = Int(tail.u32(eocdInTail + 16))
        var cdEnd = eocdOffset
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF, eocdOffset >= 20 {
            let locator = try read(at: eocdOffset - 20, count: 20)
            if locator.u32(0) == 0x0706_4B50 {
                let z64Offset = Self.size(locator.u64(8))
                let rec = try read(at: z64Offset, count: 56)
                guard rec.u32(0) == 0x0606_4B50 else { throw fail(.notAZip) }
                count = Self.size(rec.u64(32))
                cdSize = Self.size(rec.u64(40))
                cdOffset = Self.size(rec.u64(48))
                cdEnd = z64Offset
            }
        }
        guard count <= limits.maxEntries else { throw fail(.notAZip) }
        guard cdSize <= cdEnd else { throw fail(.truncated) }
        // Data prepended to the archive shifts every offset; measure the shift from where the
        // directory really ends.
        let shift = cdEnd - cdSize - cdOffset
        guard shift >= 0 || cdOffset + cdSize <= fileSize else { throw fail(.truncated) }
        let directory = try read(at: cdOffset + max(shift, 0), count: cdSize)
        var p = 0
        entries.reserveCapacity(count)
        while p + 46 <= directory.count, directory.u32(p) == 0x0201_4B50 {
            let flags = Int(directory.u16(p + 8))
            let method = Int(directory.u16(p + 10))
            let crc = directory.u32(p + 16)
            var csize = Int(directory.u32(p + 20))
            var usize = Int(directory.u32(p + 24))
            let nameLength = Int(directory.u16(p + 28))
            let extraLength = Int(directory.u16(p + 30))
            let commentLength = Int(directory.u16(p + 32))
            var offset = Int(directory.u32(p + 42))
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directory.count else { throw fail(.truncated) }
            // ZIP64 extended information: present fields are those saturated in the record.
            var e = extraStart
            while e + 4 <= extraStart + extraLength {
                let id = directory.u16(e)
                let size = Int(directory.u16(e + 2))
                if id == 1 {
                    var q = e + 4
                    let end = q + size
                    if usize == 0xFFFF_FFFF, q + 8 <= end {
                        usize = Self.size(directory.u64(q))
                        q += 8
                    }
                    if csize == 0xFFFF_FFFF, q + 8 <= end {
                        csize = Self.size(directory.u64(q))
                        q += 8
                    }
                    if offset == 0xFFFF_FFFF, q + 8 <= end { offset = Self.size(directory.u64(q)) }
                }
                e += 4 + size
            }
            var name = String(decoding: directory[nameStart..<extraStart], as: UTF8.self)
            name = name.replacingBackslashes()
            while name.hasPrefix("/") { name.removeFirst() }
            let entry = ZipEntry(
                name: name, method: method, flags: flags, crc32: crc, compressedSize: csize,
                uncompressedSize: usize, localHeaderOffset: offset + max(shift, 0))
            let key = Self.key(name)
            if index[key] == nil { index[key] = entries.count }
            entries.append(entry)
            p = next
        }
        guard !entries.isEmpty || count == 0 else { throw fail(.notAZip) }
    }

    /// Offset of the entry's data, after its local header.
    func dataOffset(of entry: ZipEntry) throws(SpreadsheetError) -> Int {
        let header = try read(at: entry.localHeaderOffset, count: 30)
        guard header.u32(0) == 0x0403_4B50 else {
            throw fail(.corruptEntry(part: entry.name, detail: "cabecera local no encontrada"))
        }
        let start = entry.localHeaderOffset + 30 + Int(header.u16(26)) + Int(header.u16(28))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else { throw fail(.truncated) }
        return start
    }

    /// Checks the declared sizes against the limits; throws `.zipBomb` or `.encryptedEntry`.
    func checkLimits(_ entry: ZipEntry) throws(SpreadsheetError) {
        if entry.isEncrypted { throw fail(.encryptedEntry(entry.name)) }
        guard entry.method == 0 || entry.method == 8 else {
            throw fail(.unsupportedCompression(part: entry.name, method: entry.method))
        }
        if entry.uncompressedSize > limits.maxEntrySize {
            throw fail(
                .zipBomb(
                    part: entry.name,
                    detail:
                        "declara \(formatBytes(entry.uncompressedSize)) sin comprimir, más que el máximo de \(formatBytes(limits.maxEntrySize))"
                ))
        }
        if entry.uncompressedSize > limits.ratioThreshold,
            entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio
        {
            throw fail(
                .zipBomb(
                    part: entry.name,
                    detail:
                        "se expande \(entry.uncompressedSize / max(entry.compressedSize, 1)) veces, más que el máximo de \(limits.maxCompressionRatio)"
                ))
        }
    }

    /// Opens a stream over the entry's uncompressed bytes.
    public func stream(_ entry: ZipEntry) throws(SpreadsheetError) -> ZipEntryStream {
        try checkLimits(entry)
        if let problem = budget.charge(bytes: limits.partOpeningCost, events: 0) { throw fail(problem) }
        return try ZipEntryStream(archive: self, entry: entry, dataOffset: dataOffset(of: entry))
    }

    /// The whole uncompressed content of a (small) entry, refused past `maxSize`.
    public func contents(of entry: ZipEntry, maxSize: Int = 256 << 20) throws(SpreadsheetError) -> [UInt8] {
        if entry.uncompressedSize > maxSize {
            throw fail(
                .zipBomb(
                    part: entry.name,
                    detail:
                        "declara \(formatBytes(entry.uncompressedSize)), más que el máximo de \(formatBytes(maxSize)) para esta parte"
                ))
        }
        let stream = try stream(entry)
        var out: [UInt8] = []
        out.reserveCapacity(entry.uncompressedSize)
        while let chunk = try stream.next() { out.append(contentsOf: chunk) }
        return out
    }
}

extension String {
    func replacingBackslashes() -> String {
        guard utf8.contains(UInt8(ascii: "\\")) else { return self }
        return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    @inline(__always) func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    @inline(__always) func u32(_ i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
    @inline(__always) func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
