import Foundation
import Yams

/// Reading the methodology's YAML files: from disk (on another core when it helps), with libyaml's
/// problems in Spanish with file and line, and keys written twice reported.
extension CargadorMetodologia {
    /// A YAML file read and composed, or why not: no I/O or parsing is left for ``leerYAML(_:)``, so
    /// files can be read on another core while this one loads the catalogs.
    enum YAMLLeido: @unchecked Sendable {
        case nodo(Node)
        case inexistente
        case vacio
        case error(any Error)
    }

    static func leerYAML(_ url: URL) -> YAMLLeido {
        guard let texto = try? String(contentsOf: url, encoding: .utf8) else { return .inexistente }
        do {
            // Every value is read as text (`.basic`): resolving YAML's implicit types runs regular
            // expressions over every scalar, which was a sixth of a validation's startup.
            guard let nodo = try Yams.compose(yaml: texto, .basic) else { return .vacio }
            return .nodo(nodo)
        } catch {
            return .error(error)
        }
    }

    /// Reads these files on another core (when there is one) while `trabajo` runs on this one. On a
    /// thread of its own, not a task of Dispatch's shared pool: a portal loading its methodology from
    /// every worker of that pool at once would otherwise wait for a worker to run the reading.
    mutating func leerEnParalelo(_ nombres: [String], mientras trabajo: (inout CargadorMetodologia) -> Void) {
        guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return trabajo(&self) }
        final class Caja: @unchecked Sendable { var leidos: [String: YAMLLeido] = [:] }
        let caja = Caja()
        let hecho = DispatchSemaphore(value: 0)
        let carpeta = carpeta
        let hilo = Thread {
            for nombre in nombres { caja.leidos[nombre] = Self.leerYAML(carpeta.appendingPathComponent(nombre)) }
            hecho.signal()
        }
        hilo.stackSize = 1 << 20
        hilo.start()
        trabajo(&self)
        hecho.wait()
        leidos.merge(caja.leidos) { a, _ in a }
    }

    mutating func leerYAML(_ nombre: String) -> Node? {
        archivo = nombre
        let url = carpeta.appendingPathComponent(nombre)
        switch leidos.removeValue(forKey: nombre) ?? Self.leerYAML(url) {
        case .nodo(let nodo):
            claveRepetidas(nodo)
            return nodo
        case .inexistente:
            problema("no se encontró el archivo (\(url.path))", nil)
            ilegibles.insert(nombre)
        case .vacio:
            problema("el archivo está vacío", nil)
        case .error(let error as YamlError):
            ilegibles.insert(nombre)
            switch error {
            case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
                problemas.append(
                    .init(
                        archivo: nombre, linea: mark.line,
                        mensaje:
                            "columna \(mark.column): \(Self.sintaxisYAML(p)); revise la indentación, los «:» y las comillas."
                    ))
            case .reader:
                problema("el archivo no es texto UTF-8 válido; guárdelo como UTF-8.", nil)
            default:
                problema("el archivo no se pudo leer como YAML.", nil)
            }
        case .error:
            ilegibles.insert(nombre)
            problema("el archivo no se pudo leer como YAML.", nil)
        }
        return nil
    }

    /// libyaml's problems in Spanish (its own text is English).
    static func sintaxisYAML(_ problema: String) -> String {
        let p = problema.lowercased()
        let tabla: [(String, String)] = [
            ("mapping values are not allowed", "hay un «:» donde no se espera (¿falta una comilla o sobra un «:»?)"),
            ("could not find expected ':'", "falta el «:» después de una clave"),
            ("did not find expected key", "se esperaba una clave («clave: valor») con la misma indentación"),
            (
                "did not find expected '-' indicator",
                "se esperaba un elemento de lista («- …») con la misma indentación"
            ),
            (
                "found character that cannot start any token",
                "hay un carácter que no puede empezar un valor (¿una tabulación o un «@»/«`»?)"
            ),
            ("found a tab character", "hay una tabulación; use espacios para indentar"),
            ("found unexpected end of stream", "el archivo termina antes de cerrar unas comillas o corchetes"),
            ("found unknown escape character", "hay una secuencia de escape no válida dentro de comillas dobles"),
            ("block sequence entries are not allowed", "un elemento de lista («- …») está en un lugar no permitido"),
            ("did not find expected node content", "falta un valor"),
            ("did not find expected ',' or ']'", "falta «,» o «]» en una lista entre corchetes"),
            ("did not find expected ',' or '}'", "falta «,» o «}» en un mapa entre llaves"),
            ("found undefined tag handle", "hay una etiqueta «!» desconocida"),
            ("found undefined alias", "hay un alias «*» que no se definió"),
        ]
        return tabla.first { p.contains($0.0) }?.1 ?? "error de sintaxis YAML"
    }

    /// A key written twice in one mapping (the last would silently win): every repetition is a problem.
    mutating func claveRepetidas(_ nodo: Node) {
        switch nodo {
        case .mapping(let m):
            var vistas: [String: Int] = [:]
            for (k, v) in m {
                if let clave = k.string {
                    if let primera = vistas[clave] {
                        problema(
                            "la clave «\(clave)» está repetida en este mapa (ya aparece en la línea \(primera)); deje una sola.",
                            k)
                    } else {
                        vistas[clave] = k.mark?.line ?? 0
                    }
                }
                claveRepetidas(v)
            }
        case .sequence(let s):
            for n in s { claveRepetidas(n) }
        default:
            break
        }
    }

    // MARK: Typed access with problems
}
