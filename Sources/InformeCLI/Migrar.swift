import Almacen
import ArgumentParser
import Foundation
import Servicios

/// `informe migrar`: copies a whole store (usually the SQLite file into a shared PostgreSQL database).
///
/// ```
/// informe migrar --desde Salidas/informe.sqlite --hacia postgres://informe@127.0.0.1:5432/informe
/// ```
struct Migrar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrar",
        abstract:
            "Copia un almacén completo a otro vacío: cada versión de cada envío, sus hallazgos y filas, las claves, la bitácora y los originales.",
        discussion: """
            El destino debe estar vacío (una base PostgreSQL recién creada con «createdb», o un archivo SQLite \
            que no existe). La copia es una sola transacción: queda completa o no queda nada.
            Ejemplo: informe migrar --desde Salidas/informe.sqlite --hacia postgres://informe@127.0.0.1:5432/informe
            """)

    @Option(help: ArgumentHelp("El almacén de origen (archivo SQLite o postgres://…).", valueName: "ruta|url"))
    var desde: String

    @Option(help: ArgumentHelp("El almacén de destino, vacío (postgres://… o archivo SQLite).", valueName: "url|ruta"))
    var hacia: String

    func run() throws { try ejecutar() }

    private func ejecutar() throws(CommandFailure) {
        let r: ResumenCopia
        do {
            r = try Almacenes.migrar(desde: desde, hacia: hacia)
        } catch {
            throw CommandFailure(error)
        }
        print(
            """
            Migración completa de \(Almacenes.sinClave(desde)) a \(Almacenes.sinClave(hacia)):
              \(cifra(r.envios)) envíos (todas las versiones), \(cifra(r.hallazgos)) hallazgos, \(cifra(r.filas)) filas de datos,
              \(cifra(r.claves)) claves, \(cifra(r.entradasAuditoria)) entradas de la bitácora y \(cifra(r.originales)) originales.
            """)
    }

    private func cifra(_ n: Int) -> String { cifraMX(Double(n)) }
}
