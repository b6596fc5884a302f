import Foundation

/// A thread-safe counter for tests that run work concurrently.
public final class Contador: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()

    public init() {}

    public func sumar() {
        lock.lock()
        n += 1
        lock.unlock()
    }

    public var valor: Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
}

/// The text of a PDF as `pdftotext -layout` gives it.
public func textoDelPDF(_ pdf: URL) throws -> String {
    let proceso = Process()
    proceso.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    proceso.arguments = ["pdftotext", "-layout", pdf.path, "-"]
    let salida = Pipe()
    proceso.standardOutput = salida
    try proceso.run()
    let texto = String(decoding: salida.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    proceso.waitUntilExit()
    return texto
}

/// Justified text as one line: words joined again across hyphenated line ends, spaces collapsed.
public func textoCorrido(_ texto: String) -> String {
    texto.replacingOccurrences(of: "-\n", with: "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
}
