import Foundation
import Spreadsheet

/// The rest of a sheet read on a thread of its own: its rows and their values (``LectorDeFilas``),
/// handed over in batches, at most a few ahead of the thread that takes them (memory holds some
/// hundreds of rows, not the sheet). The reader is used by that thread alone until the last batch is
/// handed over; a reading error ends the batches and is kept in ``error``.
///
/// ```swift
/// let canal = FilasEnOtroHilo(filas, lector: lector)
/// while let lote = canal.tomar() { for leida in lote { revisar(leida) } }
/// if let error = canal.error { throw error }
/// ```
final class FilasEnOtroHilo: @unchecked Sendable {
    static let porLote = 64
    static let lotesAdelante = 8

    private let condicion = NSCondition()
    private var lotes: [[FilaLeida]] = []
    private var primero = 0
    private var terminado = false
    private var fallo: SpreadsheetError?

    init(_ filas: any RowReader, lector: LectorDeFilas) {
        let filas = ReaderBox(filas)
        let hilo = Thread { [self] in leerTodo(filas.reader, lector) }
        hilo.start()
    }

    /// The next batch in order, waiting for it; nil once every row was handed over.
    func tomar() -> [FilaLeida]? {
        condicion.lock()
        defer { condicion.unlock() }
        while primero == lotes.count && !terminado { condicion.wait() }
        guard primero < lotes.count else { return nil }
        let lote = lotes[primero]
        lotes[primero] = []
        primero += 1
        if primero == lotes.count {
            lotes.removeAll(keepingCapacity: true)
            primero = 0
        }
        condicion.broadcast()
        return lote
    }

    /// The error that ended the reading, once ``tomar()`` returned nil.
    var error: SpreadsheetError? {
        condicion.lock()
        defer { condicion.unlock() }
        return fallo
    }

    private func leerTodo(_ filas: any RowReader, _ lector: LectorDeFilas) {
        var lote: [FilaLeida] = []
        lote.reserveCapacity(Self.porLote)
        var error: SpreadsheetError?
        do throws(SpreadsheetError) {
            while let fila = try filas.next() {
                guard let leida = lector.leer(fila) else { continue }
                lote.append(leida)
                if lote.count == Self.porLote {
                    entregar(lote)
                    lote = []
                    lote.reserveCapacity(Self.porLote)
                }
            }
        } catch let e {
            error = e
        }
        condicion.lock()
        if !lote.isEmpty { lotes.append(lote) }
        fallo = error
        terminado = true
        condicion.broadcast()
        condicion.unlock()
    }

    private func entregar(_ lote: [FilaLeida]) {
        condicion.lock()
        while lotes.count - primero >= Self.lotesAdelante { condicion.wait() }
        lotes.append(lote)
        condicion.broadcast()
        condicion.unlock()
    }

    /// The sheet's reader, taken by the other thread (it is not used here until that thread is done).
    private struct ReaderBox: @unchecked Sendable {
        let reader: any RowReader
        init(_ reader: any RowReader) { self.reader = reader }
    }
}
