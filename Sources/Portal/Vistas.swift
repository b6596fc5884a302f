import Almacen
import Foundation
import Metodologia
import Mustache
import Servicios
import Validacion

/// The portal's pages: Mustache templates from `Plantillas/portal/`, every value HTML-escaped by
/// Mustache's `{{…}}`.
struct Vistas: Sendable {
    let biblioteca: MustacheLibrary

    init(carpeta: URL) async throws {
        biblioteca = try await MustacheLibrary(directory: carpeta.path)
    }

    func pagina(_ nombre: String, _ datos: [String: Any], contexto: Contexto) -> String {
        var todo = datos
        if let t = contexto.titular {
            todo["usuario"] =
                [
                    "nombre": t.nombre, "institucion": !t.grupoTecnico, "grupoTecnico": t.grupoTecnico,
                    "csrf": contexto.csrf ?? "",
                ] as [String: Any]
        }
        todo["csrf"] = contexto.csrf ?? ""
        return biblioteca.render(todo, withTemplate: nombre)
            ?? "<!DOCTYPE html><title>Error</title><p>Falta la página.</p>"
    }

    /// The findings grouped by sheet, as the templates show them.
    static func hojas(_ hallazgos: [Hallazgo]) -> [[String: Any]] {
        var orden: [String] = []
        var grupos: [String: [[String: Any]]] = [:]
        for h in hallazgos {
            let hoja = h.hoja ?? "(envío)"
            if grupos[hoja] == nil { orden.append(hoja) }
            grupos[hoja, default: []].append([
                "severidad": h.severidad.rawValue, "tipo": h.severidad == .error ? "Error" : "Advertencia",
                "celda": h.celda ?? "—", "valor": h.valor ?? "", "mensaje": h.mensaje, "codigo": h.codigo,
            ])
        }
        return orden.map { ["nombre": $0, "hallazgos": grupos[$0] ?? [], "cuenta": (grupos[$0] ?? []).count] }
    }

    /// A comparison of two versions as the templates show it.
    static func comparacion(_ c: Comparacion) -> [String: Any] {
        [
            "de": c.de, "igual": c.hojas.isEmpty,
            "hojas": c.hojas.map { h -> [String: Any] in
                [
                    "hoja": h.hoja, "agregadas": h.agregadas.joined(separator: ", "),
                    "eliminadas": h.eliminadas.joined(separator: ", "),
                    "hayAgregadas": !h.agregadas.isEmpty, "hayEliminadas": !h.eliminadas.isEmpty,
                    "modificadas": h.modificadas.map {
                        ["clave": $0.clave, "campo": $0.campo, "antes": $0.antes, "despues": $0.despues]
                    },
                    "hayModificadas": !h.modificadas.isEmpty,
                ]
            },
            "indicadores": c.indicadores.map { e -> [String: Any] in
                [
                    "indicador": e.indicador,
                    "desglose": e.desagregacion.map { "\($0) = \(e.categoria ?? "")" } ?? "total",
                    "antes": cifraMX(e.antes),
                    "despues": cifraMX(e.despues),
                ]
            },
            "hayIndicadores": !c.indicadores.isEmpty,
        ]
    }

    static func plural(_ n: Int, _ uno: String, _ varios: String) -> String { n == 1 ? uno : varios }

    /// The page of an error (built without templates: it must work when they do not).
    static func error(status: Int, mensaje: String) -> String {
        let m = PaginaRevision.escapar(mensaje)
        return """
            <!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Error \(status) · Informe Anual</title>\
            <link rel="stylesheet" href="/estatico/portal.css"></head><body><main id="contenido">\
            <h1>No se pudo completar</h1><p class="aviso mal" role="alert">\(m)</p>\
            <p><a href="/">Volver al inicio</a></p></main></body></html>
            """
    }
}
