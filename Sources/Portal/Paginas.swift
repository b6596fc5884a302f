import Almacen
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Servicios
import Validacion

/// The HTML pages (forms work without JavaScript; a little script adds drag and drop).
extension Portal {
    /// Every route: pages, API and static files, behind the security headers, audit and authentication.
    public func router() -> Router<Contexto> {
        let router = Router(context: Contexto.self)
        router.add(middleware: CabecerasSeguridad())
        router.add(middleware: AutenticacionYAuditoria(almacen: almacen, reloj: { Date() }))
        rutasAPI(router)
        rutasPaginas(router)
        return router
    }

    func pagina(_ nombre: String, _ datos: [String: Any], _ c: Contexto, status: HTTPResponse.Status = .ok) -> Response
    {
        Respuestas.html(vistas.pagina(nombre, datos, contexto: c), status: status)
    }

    /// Pages need a session; without one they send the person to sign in.
    static func sesion(_ c: Contexto) -> Titular? { c.porSesion ? c.titular : nil }

    func rutasPaginas(_ router: Router<Contexto>) {
        router.get("/estatico/:archivo") { _, c in
            guard let f = estaticos[try Self.parametro(c, "archivo")] else { throw ErrorPortal.noEncontrado }
            return Response(
                status: .ok, headers: [.contentType: f.tipo, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
        }

        router.get("/") { _, c in
            guard let t = Self.sesion(c) else { return Respuestas.redirigir("/entrar") }
            return Respuestas.redirigir(t.grupoTecnico ? "/entregas" : "/inicio")
        }

        router.get("/entrar") { _, c in pagina("entrar", ["titulo": "Entrar"], c) }

        router.post("/entrar") { request, c in
            let campos = Self.formulario(try await cuerpo(request))
            let clave = (campos["clave"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let almacen = self.almacen
            guard !clave.isEmpty, let t = try await segundoPlano({ try almacen.titular(clave: clave) }) else {
                return pagina(
                    "entrar",
                    [
                        "titulo": "Entrar",
                        "mensaje": "La clave no es válida o fue revocada. Revísela e inténtelo de nuevo.",
                    ],
                    c, status: .unauthorized)
            }
            let (token, _) = try await segundoPlano { try almacen.abrirSesion(t) }
            var r = Respuestas.redirigir(t.grupoTecnico ? "/entregas" : "/inicio")
            r.setCookie(
                Cookie(name: "sesion", value: token, maxAge: 8 * 3600, path: "/", httpOnly: true, sameSite: .strict))
            return r
        }

        router.post("/salir") { request, c in
            let campos = Self.formulario(try await cuerpo(request))
            try Self.comprobarCSRF(c, campos["csrf"])
            if let token = request.cookies["sesion"]?.value {
                let almacen = self.almacen
                try await segundoPlano { try almacen.cerrarSesion(token: token) }
            }
            var r = Respuestas.redirigir("/entrar")
            r.setCookie(Cookie(name: "sesion", value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return r
        }

        router.get("/inicio") { request, c in
            guard Self.sesion(c) != nil else { return Respuestas.redirigir("/entrar") }
            let (_, instancia) = try Self.institucion(c)
            let anio = try anio(request)
            let m = try metodologia(anio)
            return pagina(
                "inicio",
                [
                    "titulo": "Enviar el instrumento", "anio": anio, "instancia": instancia,
                    "nombreInstancia": m.catalogos["instancias"]?.entrada(instancia)?.etiqueta ?? "",
                ], c)
        }

        router.post("/revisar") { request, c in
            guard Self.sesion(c) != nil else { throw ErrorPortal.sinClave }
            let (t, _) = try Self.institucion(c)
            let anio = try anio(request)
            let s = try await subida(request)
            try Self.comprobarCSRF(c, s.campos["csrf"])
            let recibido = try await revisar(s, anio: anio, titular: t)
            let token = pendientes.guardar(
                .init(titular: t, anio: anio, bytes: s.bytes, recibido: recibido, creado: Date()))
            let r = recibido.revision.resultado
            return pagina(
                "revision",
                [
                    "titulo": "Revisión de \(r.archivo)", "archivo": r.archivo,
                    "instancia": r.instancia ?? "no identificada",
                    "version": (try? metodologia(anio).version) ?? "", "sha256": recibido.sha256, "anio": anio,
                    "errores": r.errores, "advertencias": r.advertencias,
                    "textoErrores": Vistas.plural(r.errores, "error", "errores"),
                    "textoAdvertencias": Vistas.plural(r.advertencias, "advertencia", "advertencias"),
                    "aceptable": r.aceptable && r.instancia != nil, "copia": recibido.revision.copiaRevisada != nil,
                    "token": token, "hojas": Vistas.hojas(r.hallazgos),
                ], c)
        }

        router.get("/revisiones/:token/revisado.xlsx") { _, c in
            let t = try Self.titular(c)
            guard let p = pendientes.tomar(try Self.parametro(c, "token"), titular: t),
                let copia = p.recibido.revision.copiaRevisada
            else {
                throw ErrorPortal(
                    .notFound, "La revisión ya no está disponible (caduca a los 30 minutos); suba el archivo de nuevo.")
            }
            return Respuestas.descarga(
                copia, nombre: p.recibido.revision.nombreBase + "-revisado.xlsx", tipo: Respuestas.xlsx)
        }

        router.post("/revisiones/:token/enviar") { request, c in
            let t = try Self.titular(c)
            let campos = Self.formulario(try await cuerpo(request))
            try Self.comprobarCSRF(c, campos["csrf"])
            guard let p = pendientes.tomar(try Self.parametro(c, "token"), titular: t, quitar: true) else {
                throw ErrorPortal(
                    .notFound, "La revisión ya no está disponible (caduca a los 30 minutos); suba el archivo de nuevo.")
            }
            let (respuesta, carga, registro) = try await enviar(p.recibido, bytes: p.bytes, anio: p.anio, titular: t)
            let (titulo, mensaje, clase): (String, String, String)
            switch carga {
            case .aceptado(let version, _)?:
                (titulo, mensaje, clase) = (
                    "Envío registrado", "Su archivo quedó registrado como la versión \(version) de \(p.anio).", "bien"
                )
            case .rechazado(let version, let errores)?:
                (titulo, mensaje, clase) = (
                    "Envío rechazado",
                    "El archivo tiene \(errores) \(Vistas.plural(errores, "error", "errores")); quedó registrado como la versión \(version ?? 0) rechazada.",
                    "mal"
                )
            case .yaCargado(let previo)?:
                (titulo, mensaje, clase) = (
                    "Archivo ya enviado",
                    "Ese mismo archivo ya estaba registrado como la versión \(previo.version ?? 0) (\(previo.estado.rawValue)); no cambió nada.",
                    "bien"
                )
            case nil:
                (titulo, mensaje, clase) = (
                    "Envío rechazado", "No se pudo saber de qué instancia es el archivo.", "mal"
                )
            }
            var r = pagina("enviado", ["titulo": titulo, "mensaje": mensaje, "clase": clase], c, status: .ok)
            r.headers[.informeSha256] = respuesta.headers[.informeSha256]
            if let registro { r.headers[.informeEnvio] = String(registro.id) }
            return r
        }

        router.get("/historial") { request, c in
            guard Self.sesion(c) != nil else { return Respuestas.redirigir("/entrar") }
            let (_, instancia) = try Self.institucion(c)
            let anio = try anio(request)
            let almacen = self.almacen
            let propios = try await segundoPlano { try almacen.envios(anio: anio).filter { $0.instancia == instancia } }
            return pagina(
                "historial",
                [
                    "titulo": "Mis envíos", "instancia": instancia, "anio": anio, "hayVersiones": !propios.isEmpty,
                    "versiones": propios.map { r -> [String: Any] in
                        [
                            "instancia": instancia, "anio": anio, "version": r.version ?? 0,
                            "estado": r.estado.rawValue,
                            "errores": r.errores, "advertencias": r.advertencias,
                            "fecha": String(r.cargadoEn.prefix(10)),
                            "sha256": r.sha256,
                        ]
                    },
                ], c)
        }

        router.get("/envios/:instancia/:anio/:version") { _, c in
            guard Self.sesion(c) != nil else { return Respuestas.redirigir("/entrar") }
            let r = try await envioVisible(
                c, instancia: Self.parametro(c, "instancia"), anio: Self.parametroEntero(c, "anio"),
                version: Self.parametroEntero(c, "version"))
            let almacen = self.almacen
            let (hallazgos, original) = try await segundoPlano {
                (try almacen.hallazgosCompletos(envio: r.id), try almacen.original(envio: r.id) != nil)
            }
            // What changed from the previous accepted version (accepted versions keep their rows).
            let comparador = Comparador(instrumentos: instrumentos, almacen: almacen)
            let comparacion: Comparacion? = try await segundoPlano {
                guard r.estado == .aceptado, let v = r.version, let instancia = r.instancia else { return nil }
                let previa = try almacen.envios(anio: r.anio).filter {
                    $0.instancia == instancia && $0.estado == .aceptado && ($0.version ?? 0) < v
                }.last?.version
                guard let previa else { return nil }
                return try? comparador.comparar(instancia: instancia, anio: r.anio, versiones: (previa, v))
            }
            return pagina(
                "envio",
                [
                    "titulo": "\(r.instancia ?? "") versión \(r.version ?? 0)", "instancia": r.instancia ?? "",
                    "anio": r.anio, "version": r.version ?? 0, "archivo": r.archivo, "estado": r.estado.rawValue,
                    "fecha": String(r.cargadoEn.prefix(10)), "sha256": r.sha256, "errores": r.errores,
                    "advertencias": r.advertencias, "textoErrores": Vistas.plural(r.errores, "error", "errores"),
                    "textoAdvertencias": Vistas.plural(r.advertencias, "advertencia", "advertencias"),
                    "copia": original, "hojas": Vistas.hojas(hallazgos),
                ].merging(comparacion.map { ["comparacion": Vistas.comparacion($0)] } ?? [:]) { a, _ in a }, c)
        }

        router.get("/plantilla.xlsx") { request, c in
            let (_, instancia) = try Self.institucion(c)
            let m = try metodologia(try anio(request))
            let bytes = try await segundoPlano {
                GeneradorPlantillaPortal.bytes(metodologia: m, instancia: instancia)
            }
            return Respuestas.descarga(bytes, nombre: "Instrumento_\(m.anio)_\(instancia).xlsx", tipo: Respuestas.xlsx)
        }

        router.get("/entregas") { request, c in
            guard Self.sesion(c) != nil else { return Respuestas.redirigir("/entrar") }
            _ = try Self.grupoTecnico(c)
            let anio = try anio(request)
            let m = try metodologia(anio)
            let almacen = self.almacen
            let tablero = try await segundoPlano { try TableroEntregas(anio: anio, metodologia: m, almacen: almacen) }
            return pagina(
                "entregas",
                [
                    "titulo": "Entregas", "anio": anio, "version": tablero.version, "entregaron": tablero.entregaron,
                    "total": tablero.instancias.count,
                    "instancias": tablero.instancias.map { e -> [String: Any] in
                        [
                            "clave": e.clave, "nombre": e.nombre, "entrego": e.vigente != nil ? "sí" : "no",
                            "clase": e.vigente != nil ? "aceptado" : "rechazado",
                            "vigente": e.vigente?.version.map { "v\($0)" } ?? "—",
                            "ultima": e.versiones.last.map { String($0.cargadoEn.prefix(10)) } ?? "—",
                            "versiones": e.versiones.map { r -> [String: Any] in
                                [
                                    "version": r.version ?? 0, "estado": r.estado.rawValue, "errores": r.errores,
                                    "advertencias": r.advertencias, "anio": anio,
                                ]
                            },
                        ]
                    },
                ], c)
        }

        router.get("/construir") { _, c in
            guard Self.sesion(c) != nil else { return Respuestas.redirigir("/entrar") }
            _ = try Self.grupoTecnico(c)
            return pagina(
                "construir",
                [
                    "titulo": "Construir el informe", "anios": instrumentos.anios.reversed() as [Int],
                    "trabajos": trabajos.todos.map { t -> [String: Any] in
                        let f = t.foto
                        var d: [String: Any] = [
                            "anio": t.anio, "estado": f.estado.rawValue, "etapas": f.etapas,
                            "terminado": f.estado == .terminado, "paginas": f.paginas,
                            "graficas": archivosDelInforme(anio: t.anio).filter { $0.hasPrefix("graficas/") }.map {
                                String($0.dropFirst("graficas/".count))
                            },
                        ]
                        if let e = f.error { d["error"] = e }
                        return d
                    },
                ], c)
        }

        router.post("/construir") { request, c in
            _ = try Self.grupoTecnico(c)
            let campos = Self.formulario(try await cuerpo(request))
            try Self.comprobarCSRF(c, campos["csrf"])
            guard let a = campos["anio"].flatMap({ Int($0) }), instrumentos.anios.contains(a) else {
                throw ErrorPortal(.badRequest, "Elija un año que tenga metodología.")
            }
            _ = trabajos.iniciar(anio: a, construccion: construccion(anio: a))
            return Respuestas.redirigir("/construir")
        }
    }
}
