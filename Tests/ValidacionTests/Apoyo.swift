import DatosEjemplo
import Foundation
import Metodologia
import Validacion
import XLSXWriter

let raizProyecto = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func metodologia(_ anio: Int = 2017) throws -> Metodologia {
    try Metodologia.cargar(carpeta: raizProyecto.appendingPathComponent("Instrumento/\(anio)"))
}

func carpetaTemporal() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("validacion-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Identificacion of an instancia, as header + one row.
func identificacion(_ instancia: String, anio: Int = 2017, version: String = "2017.1", sinInformacion: String = "")
    -> [[XLSXCell]]
{
    [
        [
            .text("Clave de la instancia"), .text("Año reportado"), .text("Versión del instrumento"),
            .text("Responsable"),
            .text("Correo electrónico"), .text("Fecha de llenado"), .text("Hojas sin información"),
        ],
        [
            .text(instancia), .number(Double(anio)), .text(version), .text("Titular de la Unidad"),
            .text("enlace@\(instancia.lowercased()).gob.mx"), .date(year: anio + 1, month: 1, day: 15),
            sinInformacion.isEmpty ? .empty : .text(sinInformacion),
        ],
    ]
}

/// Writes an envío with the given sheets and validates it.
func validar(
    _ hojas: [(String, [[XLSXCell]])], nombre: String = "envio.xlsx", metodologia m: Metodologia? = nil,
    conservar: Bool = false, anterior: (any ProveedorAnioAnterior)? = nil
) throws -> ResultadoValidacion {
    let dir = carpetaTemporal()
    defer { try? FileManager.default.removeItem(at: dir) }
    var libro = XLSXDocument()
    for (nombre, filas) in hojas { libro.addSheet(nombre, rows: filas) }
    let url = dir.appendingPathComponent(nombre)
    try libro.write(to: url)
    var v = Validador(metodologia: try m ?? metodologia())
    v.conservarDatos = conservar
    v.anioAnterior = anterior
    return v.validar(Envio(ruta: url))
}

/// Findings as `(celda or hoja, codigo)` tuples, the way frictionless flattens reports.
func tuplas(_ r: ResultadoValidacion) -> [String] {
    r.hallazgos.map { "\($0.celda ?? $0.hoja ?? "-") \($0.codigo)" }
}
