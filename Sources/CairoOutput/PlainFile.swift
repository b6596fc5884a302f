import Foundation

/// Bytes written to a file with plain POSIX calls, without `fsync`: Foundation's `Data.write` flushes
/// every file to the disk, which on a virtual machine costs about half a millisecond each, and a
/// report writes some fifty files that can all be built again from the store. Every caller writes to a
/// temporary name and renames it into place, so a reader never sees half a file. Errors are POSIX
/// errors (`NSPOSIXErrorDomain`, the `errno`).
///
/// ```swift
/// try PlainFile.write(Array("hola".utf8), to: URL(fileURLWithPath: "/tmp/.x.tmp"))
/// ```
public enum PlainFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { try write($0, to: url) }
    }

    /// Writes `bytes` to `url`, replacing it, or after what it holds when `appending`.
    public static func write(_ bytes: UnsafeRawBufferPointer, to url: URL, appending: Bool = false) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC), 0o644)
        guard fd >= 0 else { throw error(errno) }
        var written = 0
        while written < bytes.count, let base = bytes.baseAddress {
            let n = Foundation.write(fd, base + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw error(code)
            }
            written += n
        }
        guard close(fd) == 0 else { throw error(errno) }
    }

    static func error(_ code: Int32) -> NSError { NSError(domain: NSPOSIXErrorDomain, code: Int(code)) }
}
