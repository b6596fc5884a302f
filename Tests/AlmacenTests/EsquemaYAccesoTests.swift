import ApoyoPruebas
import Foundation
import Metodologia
import Testing
import Validacion

@testable import Almacen

/// The schema, the typed tables and the portal's access records: the same on both engines.
@Suite("Almacén: esquema, tablas tipadas y acceso")
struct EsquemaYAccesoTests {
    @Test(arguments: Motor.allCases) func migracionesDelEsquema(_ motor: Motor) throws {
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (base, almacen) = try motor.nuevo(en: dir)
        #expect(try almacen.versionDelEsquema() == AlmacenSQL.versionEsquema)
        let clave = try almacen.crearClave(instancia: "SEP", grupoTecnico: false)
        // A store left at schema 1 (before the portal) is brought to 2 when opened; its envíos stay.
        try almacen.conConexion { c throws(ErrorAlmacen) in
            try c.ejecutar(
                "DROP TABLE sesiones; DROP TABLE originales; DROP TABLE auditoria; DROP TABLE claves; "
                    + "ALTER TABLE envios DROP COLUMN metodologia")
            if motor == .sqlite {
                try c.ejecutar("PRAGMA user_version = 1")
            } else {
                try c.ejecutar("DELETE FROM informe_esquema WHERE version > 1")
            }
        }
        let otra = try motor.abrir(base)
        #expect(try otra.versionDelEsquema() == AlmacenSQL.versionEsquema)
        #expect(try otra.claves().isEmpty)
        #expect(try otra.titular(clave: clave.clave) == nil)
        // Opening again changes nothing.
        _ = try otra.crearClave(instancia: nil, grupoTecnico: true)
        #expect(try motor.abrir(base).claves().count == 1)
        // A store from a newer program is refused with a Spanish message.
        try otra.conConexion { c throws(ErrorAlmacen) in
            try c.ejecutar(
                motor == .sqlite ? "PRAGMA user_version = 9" : "INSERT INTO informe_esquema (version) VALUES (9)")
        }
        #expect {
            _ = try motor.abrir(base)
        } throws: { ($0 as? ErrorAlmacen)?.mensaje == "La base es de una versión más nueva del programa (esquema 9)." }
    }

    @Test(arguments: Motor.allCases) func tablasTipadasComoLaMetodologia(_ motor: Motor) throws {
        let m = try metodologia(2017)
        let muestras = try Muestras.compartidas.de(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, almacen) = try motor.nuevo(en: dir)
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        for i in ["SEP", "PGR", "EST09"] {
            let url = envioDe(i, 2017, en: muestras)
            _ = try almacen.cargar(v.validar(Envio(ruta: url)), archivo: url, metodologia: m)
        }
        var hojasConDatos = 0
        for hoja in m.hojas {
            let columnas = try almacen.conConexion { c throws(ErrorAlmacen) in
                try almacen.columnas(AlmacenSQL.nombreTabla(hoja.clave), en: c)
            }
            guard !columnas.isEmpty else { continue }
            hojasConDatos += 1
            #expect(columnas.prefix(2).map(\.0) == ["envio_id", "fila"])
            let esperadas = hoja.campos.map { (AlmacenSQL.nombreColumna($0.clave), AlmacenSQL.tipoColumna($0.tipo)) }
            #expect(columnas.dropFirst(2).map(\.0) == esperadas.map(\.0), "hoja \(hoja.clave)")
            #expect(columnas.dropFirst(2).map(\.1) == esperadas.map(\.1), "hoja \(hoja.clave)")
        }
        #expect(hojasConDatos >= 3)
        // The rows read back are the validated rows, value for value.
        for r in try almacen.vigentes(anio: 2017) {
            let url = envioDe(r.instancia ?? "", 2017, en: muestras)
            let validado = v.validar(Envio(ruta: url))
            for hoja in m.hojas {
                let guardadas = try almacen.filasNumeradas(envio: r.id, hoja: hoja)
                let originales = validado.datos[hoja.clave] ?? []
                #expect(guardadas.map(\.fila) == originales.map(\.fila))
                #expect(
                    guardadas.map { $0.valores.filter { $0.value != .nulo } }
                        == originales.map { $0.valores.filter { $0.value != .nulo } }, "\(r.archivo) \(hoja.clave)")
            }
        }
    }

    @Test(arguments: Motor.allCases) func clavesSesionesBitacoraYOriginales(_ motor: Motor) throws {
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, almacen) = try motor.nuevo(en: dir)
        let gt = try almacen.crearClave(instancia: nil, grupoTecnico: true)
        let sep = try almacen.crearClave(instancia: "SEP", grupoTecnico: false)
        #expect(gt.clave.hasPrefix("gt_") && sep.clave.hasPrefix("in_") && sep.id > gt.id)
        let titular = try #require(try almacen.titular(clave: sep.clave))
        #expect(titular.instancia == "SEP" && !titular.grupoTecnico)
        #expect(try almacen.titular(clave: sep.clave + "x") == nil)
        // Only hashes are stored.
        let guardadas = try almacen.consultar("SELECT hash FROM claves ORDER BY id").compactMap {
            AlmacenSQL.texto($0[0])
        }
        #expect(guardadas == [Secreto.huella(gt.clave), Secreto.huella(sep.clave)])
        let sesion = try almacen.abrirSesion(titular)
        #expect(try almacen.sesion(token: sesion.token)?.csrf == sesion.csrf)
        #expect(try almacen.revocarClave(id: sep.id))
        #expect(try almacen.revocarClave(id: sep.id) == false)
        #expect(try almacen.sesion(token: sesion.token) == nil)
        #expect(try almacen.titular(clave: sep.clave) == nil)
        #expect(try almacen.claves().map { $0.revocadaEn != nil } == [false, true])
        let entrada = EntradaAuditoria(
            cuando: "2018-01-15T07:06:40Z", quien: "SEP", metodo: "POST", ruta: "/api/v1/envios", estado: 201,
            envioID: 7, sha256: "ab")
        try almacen.auditar(entrada, claveID: sep.id)
        #expect(try almacen.auditoria() == [entrada])
        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let m = try metodologia(2017)
        let vacio = ResultadoValidacion(archivo: "x.xlsx", instancia: "SEP", hallazgos: [])
        guard case .aceptado = try almacen.cargar(vacio, sha256: "s1", metodologia: m) else {
            Issue.record("debía aceptarse")
            return
        }
        let id = try #require(try almacen.envios(anio: 2017).first?.id)
        try almacen.guardarOriginal(envio: id, nombre: "SEP_2017.xlsx", bytes: bytes)
        try almacen.guardarOriginal(envio: id, nombre: "otro.xlsx", bytes: [1])
        let original = try #require(try almacen.original(envio: id))
        #expect(original.nombre == "SEP_2017.xlsx" && original.bytes == bytes)
    }
}
