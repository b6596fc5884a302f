import Almacen
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Portal
import Spreadsheet
import Testing

/// The JSON API: every route, every refusal.
@Suite("Portal: API v1")
struct APITests {
    @Test func saludYOpenAPISinClave() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        try await e.probar { c in
            try await c.execute(uri: "/salud", method: .get) { r in
                #expect(r.status == .ok)
                #expect(Peticion.texto(r) == "{\"estado\":\"ok\"}")
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
            try await c.execute(uri: "/api/v1/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok)
                let t = Peticion.texto(r)
                #expect(t.hasPrefix("openapi: 3.0.3"))
                for ruta in [
                    "/api/v1/validaciones:", "/api/v1/envios:",
                    "/api/v1/envios/{instancia}/{anio}/{version}/hallazgos:",
                    "/api/v1/envios/{instancia}/{anio}/{version}/revisado.xlsx:", "/api/v1/plantilla:",
                    "/api/v1/entregas:", "/api/v1/informes/{anio}:",
                ] {
                    #expect(t.contains(ruta), "falta \(ruta)")
                }
            }
        }
    }

    @Test func sinClaveOClaveMalaEs401EnCadaRuta() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let revocada = try e.almacen.crearClave(instancia: "EST09", grupoTecnico: false)
        #expect(try e.almacen.revocarClave(id: revocada.id))
        let rutas: [(String, HTTPRequest.Method)] = [
            ("/api/v1/validaciones?anio=2017", .post), ("/api/v1/envios?anio=2017", .post),
            ("/api/v1/envios?anio=2017", .get), ("/api/v1/envios/EST09/2017/1/hallazgos", .get),
            ("/api/v1/envios/EST09/2017/1/revisado.xlsx", .get), ("/api/v1/plantilla?anio=2017", .get),
            ("/api/v1/entregas?anio=2017", .get), ("/api/v1/informes/2017", .post), ("/api/v1/informes/2017", .get),
            ("/api/v1/informes/2017/informe-anual-2017.pdf", .get),
        ]
        try await e.probar { c in
            for (ruta, metodo) in rutas {
                try await c.execute(uri: ruta, method: metodo) { r in
                    #expect(r.status == .unauthorized, "\(metodo) \(ruta)")
                    #expect(Peticion.texto(r).contains("Falta la clave de acceso"))
                }
                for clave in ["no-es-una-clave", revocada.clave] {
                    try await c.execute(uri: ruta, method: metodo, headers: Peticion.bearer(clave)) { r in
                        #expect(r.status == .unauthorized, "\(metodo) \(ruta) con clave inválida")
                        #expect(Peticion.texto(r).contains("no es válida o fue revocada"))
                    }
                }
            }
        }
    }

    @Test func rutasDelGrupoTecnicoRechazanInstituciones() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        try await e.probar { c in
            for (ruta, metodo) in [
                ("/api/v1/entregas?anio=2017", HTTPRequest.Method.get), ("/api/v1/informes/2017", .post),
                ("/api/v1/informes/2017", .get), ("/api/v1/informes/2017/informe-anual-2017.pdf", .get),
                ("/api/v1/informes/2017/manifiesto.json", .get),
            ] {
                try await c.execute(uri: ruta, method: metodo, headers: Peticion.bearer(e.est09)) { r in
                    #expect(r.status == .forbidden, "\(metodo) \(ruta)")
                    #expect(Peticion.texto(r).contains("solo para el Grupo Técnico"))
                }
            }
            // The blank template is an institution's own: the Grupo Técnico has no instancia.
            try await c.execute(uri: "/api/v1/plantilla?anio=2017", method: .get, headers: Peticion.bearer(e.gt)) { r in
                #expect(r.status == .forbidden)
            }
        }
    }

    @Test func validarNoGuardaNada() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let bytes = try Muestras.bytes("con-errores/EST09_2017_victimas-con-errores.xlsx")
        try await e.probar { c in
            let (tipo, cuerpo) = Peticion.multipart(bytes, nombre: "EST09_2017_victimas-con-errores.xlsx")
            var h = Peticion.bearer(e.est09)
            h[.contentType] = tipo
            try await c.execute(uri: "/api/v1/validaciones?anio=2017", method: .post, headers: h, body: cuerpo) { r in
                #expect(r.status == .ok)
                let o = try #require(try Peticion.json(r) as? [String: Any])
                #expect(o["instancia"] as? String == "EST09")
                #expect(o["anio"] as? Int == 2017)
                #expect(o["errores"] as? Int == 4)
                let hallazgos = try #require(o["hallazgos"] as? [[String: Any]])
                #expect(hallazgos.count == 4)
                #expect(hallazgos.first?["celda"] as? String == "C3")
                #expect(
                    Set(hallazgos.first?.keys ?? [:].keys) == [
                        "archivo", "hoja", "celda", "fila", "columna", "campo", "codigo", "severidad", "regla", "valor",
                        "mensaje",
                    ])
            }
        }
        #expect(try e.almacen.envios(anio: 2017).isEmpty)
    }

    @Test func enviarVersionesRechazosYMismoArchivo() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let bueno = try Muestras.bytes("EST09_2017.xlsx")
        let malo = try Muestras.bytes("con-errores/EST09_2017_victimas-con-errores.xlsx")
        let ajeno = try Muestras.bytes("SEGOB_2017.xlsx")
        try await e.probar { c in
            let h = Peticion.crudo(e.est09, nombre: "EST09_2017.xlsx")
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post, headers: h, body: ByteBuffer(bytes: bueno)
            ) {
                r in
                #expect(r.status == .created)
                let o = try #require(try Peticion.json(r) as? [String: Any])
                #expect(o["estado"] as? String == "aceptado")
                #expect(o["version"] as? Int == 1)
                #expect((o["sha256"] as? String)?.count == 64)
            }
            // The same bytes again: 200 with the existing record, nothing new.
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post, headers: h, body: ByteBuffer(bytes: bueno)
            ) {
                r in
                #expect(r.status == .ok)
                let o = try Peticion.json(r) as? [String: Any]
                #expect(o?["version"] as? Int == 1)
            }
            let hm = Peticion.crudo(e.est09, nombre: "EST09_2017_victimas-con-errores.xlsx")
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post, headers: hm, body: ByteBuffer(bytes: malo)
            ) {
                r in
                #expect(r.status == .unprocessableContent)
                let o = try #require(try Peticion.json(r) as? [String: Any])
                #expect(o["estado"] as? String == "rechazado")
                #expect(o["version"] as? Int == 2)
                #expect((o["hallazgos"] as? [Any])?.count == 4)
            }
            // Another instancia's file under EST09's key: 403, nothing stored.
            let ha = Peticion.crudo(e.est09, nombre: "SEGOB_2017.xlsx")
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post, headers: ha, body: ByteBuffer(bytes: ajeno)
            ) {
                r in
                #expect(r.status == .forbidden)
                #expect(Peticion.texto(r).contains("es de la instancia SEGOB"))
            }
            // The Grupo Técnico may load anyone's file.
            let hg = Peticion.crudo(e.gt, nombre: "SEGOB_2017.xlsx")
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post, headers: hg, body: ByteBuffer(bytes: ajeno)
            ) {
                r in
                #expect(r.status == .created)
            }
        }
        let registros = try e.almacen.envios(anio: 2017)
        #expect(
            registros.map { "\($0.instancia ?? "")/\($0.version ?? 0)/\($0.estado.rawValue)" } == [
                "EST09/1/aceptado", "EST09/2/rechazado", "SEGOB/1/aceptado",
            ])
        // An accepted upload keeps its typed rows, as a load from the command line does.
        #expect(registros[0].filas > 0)
        #expect(
            try e.almacen.filasGuardadas(envio: registros[0].id, metodologia: instrumentos.metodologia(anio: 2017))
                == registros[0].filas)
        // Only the accepted file's bytes are kept.
        #expect(try e.almacen.original(envio: registros[0].id)?.bytes == bueno)
        #expect(try e.almacen.original(envio: registros[1].id) == nil)
        // The audit log names who, the route and the envío's SHA-256.
        let auditoria = try e.almacen.auditoria()
        #expect(
            auditoria.contains {
                $0.quien == "EST09" && $0.ruta == "/api/v1/envios" && $0.estado == 201
                    && $0.sha256 == registros[0].sha256
            })
        #expect(auditoria.contains { $0.quien == "EST09" && $0.estado == 403 })
        #expect(auditoria.contains { $0.quien == "Grupo Técnico" && $0.envioID == registros[2].id })
    }

    @Test func cadaQuienVeLoSuyo() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let bueno = try Muestras.bytes("EST09_2017.xlsx")
        let segob = try Muestras.bytes("SEGOB_2017.xlsx")
        let malo = try Muestras.bytes("con-errores/EST09_2017_victimas-con-errores.xlsx")
        try await e.probar { c in
            for (clave, nombre, bytes) in [
                (e.est09, "EST09_2017.xlsx", bueno), (e.segob, "SEGOB_2017.xlsx", segob),
                (e.est09, "EST09_2017_victimas-con-errores.xlsx", malo),
            ] {
                try await c.execute(
                    uri: "/api/v1/envios?anio=2017", method: .post, headers: Peticion.crudo(clave, nombre: nombre),
                    body: ByteBuffer(bytes: bytes))
            }
            try await c.execute(uri: "/api/v1/envios?anio=2017", method: .get, headers: Peticion.bearer(e.segob)) { r in
                let lista = try #require(try Peticion.json(r) as? [[String: Any]])
                #expect(lista.map { $0["instancia"] as? String } == ["SEGOB"])
            }
            try await c.execute(uri: "/api/v1/envios?anio=2017", method: .get, headers: Peticion.bearer(e.gt)) { r in
                let lista = try Peticion.json(r) as? [[String: Any]]
                #expect(lista?.count == 3)
            }
            // Findings and copies of EST09: the owner and the Grupo Técnico yes; SEGOB never.
            for ruta in ["/api/v1/envios/EST09/2017/2/hallazgos", "/api/v1/envios/EST09/2017/1/revisado.xlsx"] {
                try await c.execute(uri: ruta, method: .get, headers: Peticion.bearer(e.segob)) { r in
                    #expect(r.status == .forbidden, "\(ruta)")
                    #expect(!Peticion.texto(r).contains("EST09-V"))
                }
                for clave in [e.est09, e.gt] {
                    try await c.execute(uri: ruta, method: .get, headers: Peticion.bearer(clave)) { r in
                        #expect(r.status == .ok, "\(ruta)")
                    }
                }
            }
            try await c.execute(
                uri: "/api/v1/envios/EST09/2017/2/hallazgos", method: .get, headers: Peticion.bearer(e.est09)
            ) {
                r in
                let lista = try #require(try Peticion.json(r) as? [[String: Any]])
                #expect(lista.map { $0["celda"] as? String } == ["C3", "D4", "B5", "A83"])
            }
            try await c.execute(
                uri: "/api/v1/envios/EST09/2017/1/revisado.xlsx", method: .get, headers: Peticion.bearer(e.est09)
            ) {
                r in
                #expect(r.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(Array(r.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            // A rejected version's original is not kept: no copy, and the reason in Spanish.
            try await c.execute(
                uri: "/api/v1/envios/EST09/2017/2/revisado.xlsx", method: .get, headers: Peticion.bearer(e.est09)
            ) {
                r in
                #expect(r.status == .notFound)
                #expect(Peticion.texto(r).contains("no se conserva"))
            }
            try await c.execute(
                uri: "/api/v1/envios/EST09/2017/9/hallazgos", method: .get, headers: Peticion.bearer(e.gt)
            ) { r in
                #expect(r.status == .notFound)
            }
            try await c.execute(uri: "/api/v1/plantilla?anio=2017", method: .get, headers: Peticion.bearer(e.est09)) {
                r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentDisposition]?.contains("Instrumento_2017_EST09.xlsx") == true)
            }
            try await c.execute(uri: "/api/v1/entregas?anio=2017", method: .get, headers: Peticion.bearer(e.gt)) { r in
                let o = try #require(try Peticion.json(r) as? [String: Any])
                #expect(o["entregaron"] as? Int == 2)
                let est09 = (o["instancias"] as? [[String: Any]])?.first { $0["instancia"] as? String == "EST09" }
                #expect(est09?["vigente"] as? Int == 1)
                #expect((est09?["versiones"] as? [Any])?.count == 2)
            }
        }
    }

    @Test func limitesYArchivosHostiles() async throws {
        let e = try await Entorno(limiteSubida: 1 << 20)
        defer { e.limpiar() }
        try await e.probar { c in
            let grande = [UInt8](repeating: 65, count: 3 << 20)
            try await c.execute(
                uri: "/api/v1/validaciones?anio=2017", method: .post, headers: Peticion.crudo(e.est09, nombre: "x.csv"),
                body: ByteBuffer(bytes: grande)
            ) { r in
                #expect(r.status == .contentTooLarge)
                #expect(Peticion.texto(r).contains("supera el límite de 1 MB"))
            }
            try await c.execute(
                uri: "/api/v1/validaciones?anio=2017", method: .post,
                headers: Peticion.crudo(e.est09, nombre: "foto.png"),
                body: ByteBuffer(bytes: [1, 2, 3])
            ) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(Peticion.texto(r).contains("como .xlsx, .ods, .csv o como un .zip"))
            }
            try await c.execute(uri: "/api/v1/validaciones?anio=2017", method: .post, headers: Peticion.bearer(e.est09))
            { r in
                #expect(r.status == .badRequest)
                #expect(Peticion.texto(r).contains("X-Nombre-Archivo"))
            }
            try await c.execute(
                uri: "/api/v1/validaciones?anio=1999", method: .post, headers: Peticion.crudo(e.est09, nombre: "a.csv"),
                body: ByteBuffer(string: "a,b\n")
            ) { r in
                #expect(r.status == .badRequest)
                #expect(Peticion.texto(r).contains("los años disponibles son 2016, 2017"))
            }
            // A file named .xlsx that is not one, and a zip bomb: findings, never a crash.
            for (nombre, bytes) in [
                ("EST09_2017.xlsx", Array("no soy un libro".utf8)),
                (
                    "bomba.xlsx",
                    try [UInt8](
                        Data(contentsOf: raizProyecto.appendingPathComponent("Tests/Fixtures/billion-laughs.xlsx")))
                ),
            ] {
                try await c.execute(
                    uri: "/api/v1/validaciones?anio=2017", method: .post,
                    headers: Peticion.crudo(e.est09, nombre: nombre),
                    body: ByteBuffer(bytes: bytes)
                ) { r in
                    #expect(r.status == .ok, "\(nombre)")
                    let o = try #require(try Peticion.json(r) as? [String: Any])
                    #expect((o["errores"] as? Int ?? 0) >= 1)
                }
            }
            try await c.execute(uri: "/salud", method: .get) { r in #expect(r.status == .ok) }
        }
    }

    @Test func zipConUnCSVPorHoja() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let carpetaCSV = try #require(
            try FileManager.default.contentsOfDirectory(atPath: Muestras.carpeta.path).sorted().first {
                !$0.contains(".") && $0 != "con-errores"
            })
        let zip = try Muestras.zip(carpetaCSV)
        let instancia = String(carpetaCSV.prefix { $0 != "_" })
        let clave = try e.almacen.crearClave(instancia: instancia, grupoTecnico: false).clave
        try await e.probar { c in
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post,
                headers: Peticion.crudo(clave, nombre: carpetaCSV + ".zip"),
                body: ByteBuffer(bytes: zip)
            ) { r in
                #expect(r.status == .created, "\(Peticion.texto(r))")
                let o = try Peticion.json(r) as? [String: Any]
                #expect(o?["instancia"] as? String == instancia)
            }
            // A zip without CSV files is refused with the reason.
            var z = ZipWriterPrueba()
            z.agregar("leeme.txt", Array("hola".utf8))
            try await c.execute(
                uri: "/api/v1/validaciones?anio=2017", method: .post, headers: Peticion.crudo(clave, nombre: "x.zip"),
                body: ByteBuffer(bytes: z.bytes())
            ) { r in
                #expect(r.status == .unprocessableContent)
                #expect(Peticion.texto(r).contains("no es CSV"))
            }
        }
    }
}
