import Almacen
import Foundation
import HTTPTypes
import Hummingbird
import Metodologia
import NIOCore
import Plantilla
import Servicios
import Validacion

/// The JSON API, version 1 (documented in `GET /api/v1/openapi.yaml`).
extension Portal {
    static func json(_ r: RegistroEnvio) -> String {
        "{\"instancia\": \(r.instancia.map(JSONText.string) ?? "null"), \"anio\": \(r.anio), "
            + "\"version\": \(r.version.map(String.init) ?? "null"), \"archivo\": \(JSONText.string(r.archivo)), "
            + "\"sha256\": \(JSONText.string(r.sha256)), \"estado\": \(JSONText.string(r.estado.rawValue)), "
            + "\"errores\": \(r.errores), \"advertencias\": \(r.advertencias), \"cargado_en\": \(JSONText.string(r.cargadoEn))}"
    }

    static func json(_ hallazgos: [Hallazgo]) -> String {
        "[" + hallazgos.map(ValidacionJSON.hallazgo).joined(separator: ", ") + "]"
    }

    func rutasAPI(_ router: Router<Contexto>) {
        router.get("/salud") { _, _ in Respuestas.json("{\"estado\":\"ok\"}") }

        router.get("/api/v1/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: openapi)))
        }

        let api = router.group("/api/v1")

        api.post("/validaciones") { request, c in
            let t = try Self.titular(c)
            try Self.comprobarCSRF(c, request.headers[.csrf])
            let anio = try anio(request)
            let s = try await subida(request)
            let r = try await revisar(s, anio: anio, titular: t).revision.resultado
            return Respuestas.json(
                "{\"archivo\": \(JSONText.string(r.archivo)), \"instancia\": \(r.instancia.map(JSONText.string) ?? "null"), "
                    + "\"anio\": \(anio), \"errores\": \(r.errores), \"advertencias\": \(r.advertencias), "
                    + "\"hallazgos\": \(Self.json(r.hallazgos))}")
        }

        api.post("/envios") { request, c in
            let t = try Self.titular(c)
            try Self.comprobarCSRF(c, request.headers[.csrf])
            let anio = try anio(request)
            let s = try await subida(request)
            let recibido = try await revisar(s, anio: anio, titular: t)
            return try await enviar(recibido, bytes: s.bytes, anio: anio, titular: t).respuesta
        }

        api.get("/envios") { request, c in
            let t = try Self.titular(c)
            let anio = try anio(request)
            let almacen = self.almacen
            let todos = try await segundoPlano { try almacen.envios(anio: anio) }
            let visibles = t.grupoTecnico ? todos : todos.filter { $0.instancia != nil && $0.instancia == t.instancia }
            return Respuestas.json("[" + visibles.map(Self.json).joined(separator: ",\n ") + "]")
        }

        api.get("/envios/:instancia/:anio/:version/hallazgos") { _, c in
            let r = try await envioVisible(
                c, instancia: Self.parametro(c, "instancia"), anio: Self.parametroEntero(c, "anio"),
                version: Self.parametroEntero(c, "version"))
            let almacen = self.almacen
            let hallazgos = try await segundoPlano { try almacen.hallazgosCompletos(envio: r.id) }
            return Respuestas.json(
                Self.json(hallazgos), cabeceras: [.informeEnvio: String(r.id), .informeSha256: r.sha256])
        }

        api.get("/envios/:instancia/:anio/:version/revisado.xlsx") { _, c in
            let r = try await envioVisible(
                c, instancia: Self.parametro(c, "instancia"), anio: Self.parametroEntero(c, "anio"),
                version: Self.parametroEntero(c, "version"))
            let copia = try await copiaRevisada(r)
            var respuesta = Respuestas.descarga(
                copia, nombre: (r.archivo as NSString).deletingPathExtension + "-revisado.xlsx", tipo: Respuestas.xlsx)
            respuesta.headers[.informeEnvio] = String(r.id)
            respuesta.headers[.informeSha256] = r.sha256
            return respuesta
        }

        api.get("/plantilla") { request, c in
            let (_, instancia) = try Self.institucion(c)
            let m = try metodologia(try anio(request))
            let bytes = try await segundoPlano { GeneradorPlantillaPortal.bytes(metodologia: m, instancia: instancia) }
            return Respuestas.descarga(bytes, nombre: "Instrumento_\(m.anio)_\(instancia).xlsx", tipo: Respuestas.xlsx)
        }

        api.get("/entregas") { request, c in
            _ = try Self.grupoTecnico(c)
            let anio = try anio(request)
            let m = try metodologia(anio)
            let almacen = self.almacen
            let tablero = try await segundoPlano { try TableroEntregas(anio: anio, metodologia: m, almacen: almacen) }
            let filas = tablero.instancias.map { e in
                "{\"instancia\": \(JSONText.string(e.clave)), \"nombre\": \(JSONText.string(e.nombre)), "
                    + "\"entrego\": \(e.vigente != nil), \"vigente\": \(e.vigente?.version.map(String.init) ?? "null"), "
                    + "\"ultima_fecha\": \(e.versiones.last.map { JSONText.string($0.cargadoEn) } ?? "null"), "
                    + "\"versiones\": [" + e.versiones.map(Self.json).joined(separator: ", ") + "]}"
            }
            return Respuestas.json(
                "{\"anio\": \(anio), \"metodologia\": \(JSONText.string(tablero.version)), "
                    + "\"entregaron\": \(tablero.entregaron), \"instancias\": [\n" + filas.joined(separator: ",\n")
                    + "]}")
        }

        api.post("/informes/:anio") { request, c in
            _ = try Self.grupoTecnico(c)
            try Self.comprobarCSRF(c, request.headers[.csrf])
            let anio = try anioDeRuta(c)
            let trabajo = trabajos.iniciar(anio: anio, construccion: construccion(anio: anio))
            return Respuestas.json(estadoJSON(trabajo), status: .accepted)
        }

        api.get("/informes/:anio") { _, c in
            _ = try Self.grupoTecnico(c)
            let anio = try anioDeRuta(c)
            guard let trabajo = trabajos.trabajo(anio: anio) else {
                throw ErrorPortal(.notFound, "No se ha construido el informe \(anio) en este servidor.")
            }
            return Respuestas.json(estadoJSON(trabajo))
        }

        api.get("/informes/:anio/**") { _, c in
            _ = try Self.grupoTecnico(c)
            let anio = try anioDeRuta(c)
            let ruta = c.parameters.getCatchAll().joined(separator: "/")
            guard archivosDelInforme(anio: anio).contains(ruta) else {
                throw ErrorPortal(.notFound, "No existe «\(ruta)» en el informe \(anio); constrúyalo primero.")
            }
            let url = configuracion.salidas.appendingPathComponent(String(anio)).appendingPathComponent(ruta)
            let bytes = try await segundoPlano { try [UInt8](Data(contentsOf: url)) }
            let tipo: String
            switch url.pathExtension {
            case "pdf": tipo = "application/pdf"
            case "csv": tipo = "text/csv; charset=utf-8"
            case "json": tipo = "application/json; charset=utf-8"
            case "png": tipo = "image/png"
            case "svg": tipo = "image/svg+xml"
            default: tipo = "application/octet-stream"
            }
            return Respuestas.descarga(bytes, nombre: url.lastPathComponent, tipo: tipo)
        }
    }

    func anioDeRuta(_ c: Contexto) throws(ErrorPortal) -> Int {
        let a = try Self.parametroEntero(c, "anio")
        guard instrumentos.anios.contains(a) else {
            throw ErrorPortal(.notFound, "No hay metodología del año \(a).")
        }
        return a
    }

    func estadoJSON(_ t: Trabajo) -> String {
        let f = t.foto
        var out =
            "{\"trabajo\": \(JSONText.string(t.id)), \"anio\": \(t.anio), \"estado\": \(JSONText.string(f.estado.rawValue)), "
        out += "\"etapas\": [" + f.etapas.map(JSONText.string).joined(separator: ", ") + "]"
        if let e = f.error { out += ", \"error\": \(JSONText.string(e))" }
        if f.estado == .terminado {
            out += ", \"paginas\": \(f.paginas), \"enlaces\": ["
            out += archivosDelInforme(anio: t.anio).map { JSONText.string("/api/v1/informes/\(t.anio)/\($0)") }.joined(
                separator: ", ")
            out += "]"
        }
        return out + "}"
    }

    /// Loads a reviewed upload; the response the API gives for it, and the record for the pages.
    func enviar(_ recibido: Recepcion.Recibido, bytes: [UInt8], anio: Int, titular: Titular) async throws -> (
        respuesta: Response, carga: ResultadoCarga?, registro: RegistroEnvio?
    ) {
        let r = recibido.revision.resultado
        func cuerpo(_ estado: String, version: Int?) -> String {
            "{\"instancia\": \(r.instancia.map(JSONText.string) ?? "null"), \"anio\": \(anio), "
                + "\"version\": \(version.map(String.init) ?? "null"), \"archivo\": \(JSONText.string(r.archivo)), "
                + "\"sha256\": \(JSONText.string(recibido.sha256)), \"estado\": \(JSONText.string(estado)), "
                + "\"errores\": \(r.errores), \"advertencias\": \(r.advertencias), \"hallazgos\": \(Self.json(r.hallazgos))}"
        }
        // An institution's file whose instancia cannot be read is not stored under its key.
        if !titular.grupoTecnico && r.instancia == nil {
            return (Respuestas.json(cuerpo("rechazado", version: nil), status: .unprocessableContent), nil, nil)
        }
        let m = try metodologia(anio)
        let recepcion = self.recepcion
        let (carga, registro) = try await segundoPlano { try recepcion.cargar(recibido, bytes: bytes, metodologia: m) }
        var cabeceras: HTTPFields = [.informeSha256: recibido.sha256]
        if let registro { cabeceras[.informeEnvio] = String(registro.id) }
        switch carga {
        case .aceptado(let version, _):
            return (
                Respuestas.json(cuerpo("aceptado", version: version), status: .created, cabeceras: cabeceras), carga,
                registro
            )
        case .rechazado(let version, _):
            return (
                Respuestas.json(
                    cuerpo("rechazado", version: version), status: .unprocessableContent, cabeceras: cabeceras),
                carga, registro
            )
        case .yaCargado(let previo):
            guard titular.grupoTecnico || previo.instancia == titular.instancia else { throw ErrorPortal.ajeno }
            return (Respuestas.json(Self.json(previo), status: .ok, cabeceras: cabeceras), carga, previo)
        }
    }
}

extension HTTPField.Name {
    static let csrf = HTTPField.Name(parseandoConstante: "X-CSRF-Token")
}
