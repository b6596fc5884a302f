import Almacen
import ApoyoPruebas
import DatosEjemplo
import Foundation
import Indicadores
import Metodologia
import Servicios
import Testing
import Validacion

/// `informe migrar`: a whole SQLite store copied into a real PostgreSQL gives the same store.
@Suite("Migración de SQLite a PostgreSQL")
struct MigracionTests {
    /// Every figure of every indicator, breakdown and category, with the series: comparable text.
    static func cifras(_ rs: [ResultadoIndicador]) -> [String] {
        rs.flatMap { r in
            ["\(r.indicador.clave) \(r.valor.map { "\($0)" } ?? "-") \(r.serie.map { "\($0.anio):\($0.valor)" })"]
                + r.desgloses.flatMap { d in
                    d.categorias.map { "\(r.indicador.clave) \(d.por) \($0.clave) \($0.valor.map { "\($0)" } ?? "-")" }
                }
        }
    }

    @Test func copiaCompletaConIndicadoresIdenticos() throws {
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try instrumentos.metodologia(anio: 2017)
        try GeneradorEjemplo(metodologia: m, semilla: 11).escribir(en: dir.appendingPathComponent("e"))
        let ruta = dir.appendingPathComponent("a.sqlite").path
        let origen = try Almacenes.abrir(ruta, crear: true)
        let cargados = Cargador(instrumentos: instrumentos, almacen: origen).cargar(
            EnviosEnCarpeta.buscar(dir.appendingPathComponent("e"))
                + EnviosEnCarpeta.buscar(
                    dir.appendingPathComponent("e/con-errores")), metodologia: m)
        #expect(cargados.count > 50)
        let gt = try origen.crearClave(instancia: nil, grupoTecnico: true)
        let sep = try origen.crearClave(instancia: "SEP", grupoTecnico: false)
        _ = try origen.revocarClave(id: sep.id)
        let vigentes = try origen.vigentes(anio: 2017)
        try origen.guardarOriginal(envio: vigentes[0].id, nombre: "original.xlsx", bytes: [0, 1, 2, 255])
        try origen.auditar(
            EntradaAuditoria(
                cuando: "2018-01-15T07:06:40Z", quien: "Grupo Técnico", metodo: "GET", ruta: "/tablero", estado: 200,
                envioID: nil, sha256: nil), claveID: gt.id)

        let url = try ServidorPostgres.compartido().nuevaBase("migracion")
        let resumen = try Almacenes.migrar(desde: ruta, hacia: url)
        let destino = try Almacenes.abrir(url, crear: false)
        let envios = try origen.envios(anio: 2017)
        #expect(envios.contains { $0.estado == .rechazado })
        #expect(resumen.envios == envios.count && resumen.claves == 2 && resumen.originales == 1)
        #expect(resumen.entradasAuditoria == 1)
        #expect(resumen.filas == envios.reduce(0) { $0 + $1.filas })
        // Every version, with its number, SHA-256, state and findings.
        #expect(try destino.envios(anio: 2017) == envios)
        for r in envios {
            #expect(
                try destino.hallazgosCompletos(envio: r.id) == origen.hallazgosCompletos(envio: r.id), "\(r.archivo)")
            #expect(try destino.filasGuardadas(envio: r.id, metodologia: m) == r.filas)
        }
        #expect(try destino.claves() == origen.claves())
        #expect(try destino.titular(clave: gt.clave)?.grupoTecnico == true)
        #expect(try destino.titular(clave: sep.clave) == nil)
        #expect(try destino.original(envio: vigentes[0].id)?.bytes == [0, 1, 2, 255])
        #expect(try destino.auditoria() == origen.auditoria())
        #expect(try destino.integro())
        // The indicators computed from each store are the same, figure for figure.
        let deSQLite = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: origen).calcular(
            anio: 2017, metodologia: m, publicable: true)
        let dePostgres = try IndicadoresDelAlmacen(instrumentos: instrumentos, almacen: destino).calcular(
            anio: 2017, metodologia: m, publicable: true)
        #expect(Self.cifras(deSQLite.resultados).count > 100)
        #expect(Self.cifras(dePostgres.resultados) == Self.cifras(deSQLite.resultados))
        // New loads on the copy go on numbering after the copied ones.
        let nueva = try destino.crearClave(instancia: "PGR", grupoTecnico: false)
        #expect(nueva.id == sep.id + 1)
        // A second migration into a store that is no longer empty is refused, and changes nothing.
        #expect(throws: ErrorServicio.self) { try Almacenes.migrar(desde: ruta, hacia: url) }
        #expect(try destino.envios(anio: 2017).count == envios.count)
    }
}
