import Almacen
import DatosEjemplo
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Portal
import Servicios
import Testing
import Validacion

/// The pages: sign-in, sessions, CSRF, escaping, and who may see which page.
@Suite("Portal: páginas")
struct PaginasTests {
    /// Signs in with `clave`; returns the cookie header value and the CSRF token of the first form.
    static func entrar(_ c: any TestClientProtocol, _ clave: String) async throws -> (cookie: String, csrf: String) {
        let cookie = try await c.execute(
            uri: "/entrar", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "clave=\(clave)")
        ) { r -> String in
            #expect(r.status == .seeOther)
            let setCookie = r.headers[.setCookie] ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            return String(setCookie.prefix { $0 != ";" })
        }
        let destino = clave.hasPrefix("gt_") ? "/entregas" : "/inicio"
        let csrf = try await c.execute(uri: destino, method: .get, headers: [.cookie: cookie]) { r -> String in
            #expect(r.status == .ok)
            let html = Peticion.texto(r)
            guard let rango = html.range(of: "name=\"csrf\" value=\"") else { return "" }
            return String(html[rango.upperBound...].prefix { $0 != "\"" })
        }
        #expect(csrf.count == 64)
        return (cookie, csrf)
    }

    @Test func entrarConClaveMalaNoAbreSesion() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        try await e.probar { c in
            try await c.execute(uri: "/", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/entrar")
            }
            try await c.execute(uri: "/entrar", method: .get) { r in
                #expect(r.status == .ok)
                let html = Peticion.texto(r)
                #expect(html.contains("<label for=\"clave\">Clave de acceso</label>"))
                #expect(html.contains("lang=\"es-MX\""))
                #expect(!html.contains("<script>"))
            }
            try await c.execute(
                uri: "/entrar", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "clave=mala")
            ) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.setCookie] == nil)
                #expect(Peticion.texto(r).contains("La clave no es válida"))
            }
            // Pages without a session send the person to sign in.
            for ruta in ["/inicio", "/historial", "/entregas", "/construir", "/envios/EST09/2017/1"] {
                try await c.execute(uri: ruta, method: .get) { r in
                    #expect(r.status == .seeOther, "\(ruta)")
                    #expect(r.headers[.location] == "/entrar")
                }
            }
        }
    }

    @Test func revisarEnviarYVerHistorialConSesion() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let malo = try Muestras.bytes("con-errores/EST09_2017_victimas-con-errores.xlsx")
        let bueno = try Muestras.bytes("EST09_2017.xlsx")
        try await e.probar { c in
            let (cookie, csrf) = try await Self.entrar(c, e.est09)
            // Without the CSRF token the upload is refused.
            let (tipo0, cuerpo0) = Peticion.multipart(bueno, nombre: "EST09_2017.xlsx")
            try await c.execute(
                uri: "/revisar?anio=2017", method: .post, headers: [.cookie: cookie, .contentType: tipo0], body: cuerpo0
            ) { r in
                #expect(r.status == .forbidden)
                #expect(Peticion.texto(r).contains("El formulario caducó"))
            }
            // A file with errors: the findings grouped by sheet, with cell and message; no "Enviar".
            let (tipo, cuerpo) = Peticion.multipart(
                malo, nombre: "EST09_2017_victimas-con-errores.xlsx", campos: ["csrf": csrf])
            try await c.execute(
                uri: "/revisar?anio=2017", method: .post, headers: [.cookie: cookie, .contentType: tipo], body: cuerpo
            ) { r in
                #expect(r.status == .ok)
                let html = Peticion.texto(r)
                #expect(html.contains("<h3>Hoja Victimas <span class=\"cuenta\">(4)</span></h3>"))
                #expect(html.contains("<td class=\"corto\">C3</td><td>Mujr</td>"))
                #expect(html.contains("¿Quiso decir «Mujer»?"))
                #expect(!html.contains(">Enviar</button>"))
                #expect(html.contains("revisado.xlsx"))
            }
            let (tipo2, cuerpo2) = Peticion.multipart(bueno, nombre: "EST09_2017.xlsx", campos: ["csrf": csrf])
            let token = try await c.execute(
                uri: "/revisar?anio=2017", method: .post, headers: [.cookie: cookie, .contentType: tipo2], body: cuerpo2
            ) { r -> String in
                let html = Peticion.texto(r)
                #expect(html.contains(">Enviar</button>"))
                guard let rango = html.range(of: "/revisiones/") else { return "" }
                return String(html[rango.upperBound...].prefix { $0 != "/" })
            }
            try await c.execute(uri: "/revisiones/\(token)/revisado.xlsx", method: .get, headers: [.cookie: cookie]) {
                r in
                #expect(r.status == .ok)
                #expect(Array(r.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            // Another institution cannot take this review.
            let otro = try await Self.entrar(c, e.segob)
            try await c.execute(
                uri: "/revisiones/\(token)/enviar", method: .post,
                headers: [.cookie: otro.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(otro.csrf)")
            ) { r in
                #expect(r.status == .notFound)
            }
            try await c.execute(
                uri: "/revisiones/\(token)/enviar", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)")
            ) { r in
                #expect(r.status == .ok)
                #expect(Peticion.texto(r).contains("quedó registrado como la versión 1 de 2017"))
            }
            try await c.execute(uri: "/historial?anio=2017", method: .get, headers: [.cookie: cookie]) { r in
                let html = Peticion.texto(r)
                #expect(html.contains("<a href=\"/envios/EST09/2017/1\">v1</a>"))
                #expect(html.contains("aceptado"))
            }
            try await c.execute(uri: "/envios/EST09/2017/1", method: .get, headers: [.cookie: otro.cookie]) { r in
                #expect(r.status == .forbidden)
            }
            // Institutions do not see the Grupo Técnico's pages.
            for ruta in ["/entregas", "/construir"] {
                try await c.execute(uri: ruta, method: .get, headers: [.cookie: cookie]) { r in
                    #expect(r.status == .forbidden, "\(ruta)")
                }
            }
            // Signing out needs the token and ends the session.
            try await c.execute(
                uri: "/salir", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=otro")
            ) { r in #expect(r.status == .forbidden) }
            try await c.execute(
                uri: "/salir", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)")
            ) { r in #expect(r.status == .seeOther) }
            try await c.execute(uri: "/historial", method: .get, headers: [.cookie: cookie]) { r in
                #expect(r.status == .seeOther)
            }
        }
    }

    @Test func valoresDeCeldasSeEscapanYDatosPersonalesNoSeMuestran() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        // A Victimas CSV with markup in a cell and a column of names (personal data).
        let csv = """
            folio_victima,fecha_identificacion,sexo,edad,Nombre de la víctima
            EST09-V-1,15/03/2017,<script>alert(1)</script>,30,María Pérez López

            """
        try await e.probar { c in
            let (cookie, csrf) = try await Self.entrar(c, e.est09)
            let (tipo, cuerpo) = Peticion.multipart(Array(csv.utf8), nombre: "Victimas.csv", campos: ["csrf": csrf])
            try await c.execute(
                uri: "/revisar?anio=2017", method: .post, headers: [.cookie: cookie, .contentType: tipo], body: cuerpo
            ) { r in
                let html = Peticion.texto(r)
                #expect(!html.contains("<script>alert(1)</script>"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("María Pérez López"))
                #expect(r.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            }
            try await c.execute(
                uri: "/api/v1/validaciones?anio=2017", method: .post,
                headers: Peticion.crudo(e.est09, nombre: "Victimas.csv"), body: ByteBuffer(string: csv)
            ) { r in
                #expect(!Peticion.texto(r).contains("María Pérez López"))
            }
        }
    }

    @Test func grupoTecnicoVeEntregasYConstruye() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let bueno = try Muestras.bytes("EST09_2017.xlsx")
        try await e.probar { c in
            // Building with nothing loaded is refused with the reason.
            try await c.execute(uri: "/api/v1/informes/2017", method: .post, headers: Peticion.bearer(e.gt)) { r in
                #expect(r.status == .accepted)
            }
            var estado = ""
            for _ in 0..<200 {
                estado = try await c.execute(uri: "/api/v1/informes/2017", method: .get, headers: Peticion.bearer(e.gt))
                {
                    r -> String in
                    let o = try Peticion.json(r) as? [String: Any]
                    return o?["estado"] as? String ?? ""
                }
                if estado != "en curso" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(estado == "falló")
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post,
                headers: Peticion.crudo(e.est09, nombre: "EST09_2017.xlsx"),
                body: ByteBuffer(bytes: bueno))
            let (cookie, csrf) = try await Self.entrar(c, e.gt)
            try await c.execute(uri: "/entregas?anio=2017", method: .get, headers: [.cookie: cookie]) { r in
                let html = Peticion.texto(r)
                #expect(html.contains("<b>1</b> de 53 instancias tienen versión vigente."))
                #expect(html.contains("<a href=\"/envios/EST09/2017/1\" class=\"aceptado\">v1 0/0</a>"))
            }
            try await c.execute(
                uri: "/construir", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&anio=2017")
            ) { r in #expect(r.status == .seeOther) }
            for _ in 0..<600 {
                estado = try await c.execute(uri: "/api/v1/informes/2017", method: .get, headers: Peticion.bearer(e.gt))
                {
                    r -> String in
                    let o = try Peticion.json(r) as? [String: Any]
                    return o?["estado"] as? String ?? ""
                }
                if estado != "en curso" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(estado == "terminado")
            try await c.execute(
                uri: "/api/v1/informes/2017/informe-anual-2017.pdf", method: .get, headers: Peticion.bearer(e.gt)
            ) { r in
                #expect(r.status == .ok)
                #expect(Array(r.body.readableBytesView.prefix(4)) == Array("%PDF".utf8))
            }
            try await c.execute(uri: "/construir", method: .get, headers: [.cookie: cookie]) { r in
                #expect(Peticion.texto(r).contains("Informe Anual 2017 (PDF,"))
            }
            try await c.execute(
                uri: "/api/v1/informes/2017/..%2Fa.sqlite", method: .get, headers: Peticion.bearer(e.gt)
            ) { r in #expect(r.status == .notFound) }
        }
    }
}

@Suite("Portal: historial con comparación")
struct HistorialComparacionTests {
    @Test func laVersionNuevaMuestraQueCambio() async throws {
        let e = try await Entorno()
        defer { e.limpiar() }
        let v1 = try Muestras.bytes("EST09_2017.xlsx")
        try await e.probar { c in
            try await c.execute(
                uri: "/api/v1/envios?anio=2017", method: .post,
                headers: Peticion.crudo(e.est09, nombre: "EST09_2017.xlsx"),
                body: ByteBuffer(bytes: v1)
            ) { r in #expect(r.status == .created) }
            // Version 2: the same envío without its first victim (loaded through the library).
            let m = try instrumentos.metodologia(anio: 2017)
            let cargador = Cargador(instrumentos: instrumentos, almacen: e.almacen)
            var resultado = cargador.validador(m).validar(
                Envio(ruta: Muestras.carpeta.appendingPathComponent("EST09_2017.xlsx")))
            resultado.datos["Victimas"]?.removeFirst()
            #expect(
                try cargador.cargar(resultado, sha256: "version-2", metodologia: m)
                    == .aceptado(version: 2, advertencias: 0))
            let (cookie, _) = try await PaginasTests.entrar(c, e.est09)
            try await c.execute(uri: "/envios/EST09/2017/2", method: .get, headers: [.cookie: cookie]) { r in
                let html = Peticion.texto(r)
                #expect(html.contains("Cambios respecto de la versión 1"))
                #expect(html.contains("Hoja Victimas"))
                #expect(html.contains("Cifras nacionales que cambian"))
            }
            try await c.execute(uri: "/envios/EST09/2017/1", method: .get, headers: [.cookie: cookie]) { r in
                #expect(!Peticion.texto(r).contains("Cambios respecto"))
            }
        }
    }
}
