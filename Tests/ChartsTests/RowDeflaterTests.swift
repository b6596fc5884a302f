import CZlibSystem
import Foundation
import Testing

@testable import CairoOutput

/// Rows deflated with the runs of zero rows spliced from chunks inflate (zlib, adler-32 checked) to
/// the very rows given, wherever the runs are and however long.
@Suite("Filas de PNG comprimidas por tramos")
struct RowDeflaterTests {
    /// zlib's own inflate of a zlib stream (it checks the adler-32 at the end).
    func inflar(_ datos: [UInt8], tamano: Int) -> [UInt8]? {
        var salida = [UInt8](repeating: 0, count: tamano + 1)
        var largo = uLongf(salida.count)
        let estado = uncompress(&salida, &largo, datos, uLong(datos.count))
        guard estado == Z_OK else { return nil }
        return Array(salida.prefix(Int(largo)))
    }

    /// Rows of `ancho` bytes: those in `ceros` are filter Up and zeros, the others filter Up and bytes
    /// from a fixed generator (some zeros among them).
    func filas(_ cuantas: Int, ancho: Int, ceros: Set<Int>, semilla: UInt64) -> ([UInt8], [Bool]) {
        var estado = semilla
        var raw: [UInt8] = []
        for y in 0..<cuantas {
            raw.append(2)
            for _ in 1..<ancho {
                if ceros.contains(y) {
                    raw.append(0)
                } else {
                    estado = estado &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let b = UInt8(truncatingIfNeeded: estado >> 56)
                    raw.append(b < 96 ? 0 : b)
                }
            }
        }
        return (raw, (0..<cuantas).map { ceros.contains($0) })
    }

    @Test func inflaALasMismasFilas() throws {
        let casos: [(filas: Int, ancho: Int, ceros: Set<Int>)] = [
            (1, 7, []), (1, 7, [0]), (5, 4, [0, 1, 2, 3, 4]),
            (10, 31, [1]), (10, 31, [1, 2]), (10, 31, [0, 1, 8, 9]),
            (300, 61, Set(3..<66)), (300, 61, Set(3..<67)), (300, 61, Set(3..<68)), (300, 61, Set(100..<230)),
            (300, 61, Set(stride(from: 0, to: 300, by: 2))), (300, 61, Set(290..<300)),
            (200, 2881, Set(10..<150).union([160, 161, 170])),
        ]
        for (k, caso) in casos.enumerated() {
            let (raw, marcas) = filas(caso.filas, ancho: caso.ancho, ceros: caso.ceros, semilla: UInt64(k + 1))
            for nivel: Int32 in [1, 3, 6] {
                let comprimido = try raw.withUnsafeBufferPointer {
                    try RowDeflater.deflate($0, rowBytes: caso.ancho, zeroRows: marcas, level: nivel)
                }
                #expect(inflar(comprimido, tamano: raw.count) == raw, "caso \(k), nivel \(nivel)")
            }
        }
    }

    /// A long run of zero rows costs a few bytes per 64 rows, as much as zlib's own way or less.
    @Test func losTramosDeCerosQuedanChicos() throws {
        let (raw, marcas) = filas(600, ancho: 2881, ceros: Set(50..<550), semilla: 7)
        let nuestro = try raw.withUnsafeBufferPointer {
            try RowDeflater.deflate($0, rowBytes: 2881, zeroRows: marcas, level: 3)
        }
        var largo = compressBound(uLong(raw.count))
        var deZlib = [UInt8](repeating: 0, count: Int(largo))
        #expect(compress2(&deZlib, &largo, raw, uLong(raw.count), 3) == Z_OK)
        #expect(nuestro.count <= Int(largo) + 512, "\(nuestro.count) contra \(largo)")
        #expect(inflar(nuestro, tamano: raw.count) == raw)
    }

    @Test func filasQueNoCuadranSonUnError() {
        let raw: [UInt8] = [2, 0, 0, 2, 0]
        #expect(throws: RowDeflater.Failure.self) {
            try raw.withUnsafeBufferPointer {
                try RowDeflater.deflate($0, rowBytes: 3, zeroRows: [true, true], level: 3)
            }
        }
    }
}
