import DatosEjemplo
import Foundation
import Metodologia
import Spreadsheet
import Testing

@testable import Validacion

/// A long sheet's rows read on another thread give exactly the findings and rows of reading them all on
/// the validating thread: every sample envío (those with errors too), with the other thread taking over
/// after the first row, after some rows, or never.
@Suite("Filas leídas en otro hilo")
struct FilasEnOtroHiloTests {
    @Test func mismosHallazgosYFilasQueEnUnSoloHilo() throws {
        let m = try metodologia()
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rutas = try GeneradorEjemplo(metodologia: m, semilla: 5).escribir(en: dir)
        #expect(rutas.count > 53)
        var largas = 0
        for ruta in rutas {
            var resultados: [ResultadoValidacion] = []
            for umbral in [nil, 1, 100] as [Int?] {
                var v = Validador(metodologia: m)
                v.conservarDatos = true
                v.filasEnOtroHilo = umbral
                resultados.append(v.validar(Envio(ruta: ruta)))
            }
            let serie = resultados[0]
            for otro in resultados.dropFirst() {
                #expect(otro.hallazgos == serie.hallazgos, "\(ruta.lastPathComponent)")
                #expect(otro.datos == serie.datos, "\(ruta.lastPathComponent)")
                #expect(otro.errores == serie.errores && otro.advertencias == serie.advertencias)
            }
            if serie.datos.values.contains(where: { $0.count > 2 * FilasEnOtroHilo.porLote }) { largas += 1 }
        }
        // Some envíos have sheets of several batches.
        #expect(largas > 0)
    }

    /// Rows then a reading error: every row arrives, in order and in batches, and then the error.
    @Test func loteTrasLoteHastaElError() throws {
        final class Lector: RowReader {
            var siguiente = 0
            let total: Int
            init(total: Int) { self.total = total }
            func next() throws(SpreadsheetError) -> Row? {
                guard siguiente < total else {
                    throw SpreadsheetError(file: "a.xlsx", problem: .unreadable("cortado"))
                }
                defer { siguiente += 1 }
                // Every third row has nothing but spaces: it is not a row with data.
                let valor: CellValue = siguiente % 3 == 2 ? .text("  ") : .number(Double(siguiente % 90 + 1))
                return Row(index: siguiente, cells: [Cell(column: 0, value: valor)])
            }
            var warnings: [String] { [] }
        }
        let m = try metodologia()
        let hoja = try #require(m.hojas.first { $0.clave == "victimas" } ?? m.hojas.last)
        let campo = try #require(hoja.campos.first { if case .entero = $0.tipo { return true } else { return false } })
        let lector = LectorDeFilas(
            leidos: [CampoLeido(campo: campo, columna: 0)], prohibidas: [], lector: LectorValores(metodologia: m))
        let canal = FilasEnOtroHilo(Lector(total: 1_000), lector: lector)
        var indices: [Int] = []
        var lotes = 0
        while let lote = canal.tomar() {
            #expect(lote.count <= FilasEnOtroHilo.porLote)
            lotes += 1
            indices += lote.map(\.fila.index)
            for leida in lote { #expect(leida.valores[campo.clave] == .numero(Double(leida.fila.index % 90 + 1))) }
        }
        #expect(indices == (0..<1_000).filter { $0 % 3 != 2 })
        #expect(lotes == (indices.count + FilasEnOtroHilo.porLote - 1) / FilasEnOtroHilo.porLote)
        #expect(canal.error == SpreadsheetError(file: "a.xlsx", problem: .unreadable("cortado")))
        #expect(canal.tomar() == nil)
    }
}
