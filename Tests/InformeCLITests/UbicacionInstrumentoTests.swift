import ApoyoPruebas
import Foundation
import Testing

/// Where `informe` finds `Instrumento/`: the current folder, `$INFORME_INSTRUMENTO`, or the folders
/// above the executable, however the program was started.
@Suite("Ubicación del Instrumento")
struct UbicacionInstrumentoTests {
    /// Runs `orden` through `/bin/sh` in `carpeta`, with `PATH` starting at `bin`.
    func enShell(_ orden: String, carpeta: URL, bin: URL) throws -> (status: Int32, salida: String) {
        let proceso = Process()
        proceso.executableURL = URL(fileURLWithPath: "/bin/sh")
        proceso.arguments = ["-c", orden]
        proceso.currentDirectoryURL = carpeta
        var entorno = ProcessInfo.processInfo.environment
        entorno["PATH"] = bin.path + ":" + (entorno["PATH"] ?? "/usr/bin:/bin")
        entorno["INFORME_INSTRUMENTO"] = nil
        proceso.environment = entorno
        let tubo = Pipe()
        proceso.standardOutput = tubo
        proceso.standardError = tubo
        try proceso.run()
        let datos = tubo.fileHandleForReading.readDataToEndOfFile()
        proceso.waitUntilExit()
        return (proceso.terminationStatus, String(decoding: datos, as: UTF8.self))
    }

    /// A symbolic link in `PATH`, started by its bare name from a folder without `Instrumento/`: the
    /// program follows the link to its own folder and finds the methodology above it (before, it looked
    /// for the link's name in the current folder, and said there was no methodology).
    @Test func enlaceEnElPathDesdeOtraCarpeta() throws {
        let temporal = FileManager.default.temporaryDirectory.appendingPathComponent("ubicacion-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporal) }
        let bin = temporal.appendingPathComponent("bin")
        let otra = temporal.appendingPathComponent("otra")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: otra, withIntermediateDirectories: true)
        let ejecutable = URL(fileURLWithPath: informeExecutable).standardizedFileURL.path
        try FileManager.default.createSymbolicLink(
            atPath: bin.appendingPathComponent("informe-enlace").path, withDestinationPath: ejecutable)
        let ejemplo = try enShell("informe-enlace ejemplo --salida muestras", carpeta: otra, bin: bin)
        #expect(ejemplo.status == 0, "\(ejemplo.salida)")
        let validar = try enShell("informe-enlace validar muestras/SEGOB_2017.xlsx", carpeta: otra, bin: bin)
        #expect(validar.status == 0, "\(validar.salida)")
        #expect(validar.salida.contains("Metodología 2017.1") || validar.salida.contains("Sin hallazgos."))
        #expect(validar.salida.hasSuffix("Resumen: 1 envío, 0 con errores; 0 errores y 0 advertencias en total.\n"))
    }
}
