import Almacen
import Foundation
import Servicios

/// Reviews waiting for their "Enviar" (pages only): the uploaded bytes stay in memory, bounded in
/// number, total size and age, and only for the holder who uploaded them.
final class Pendientes: @unchecked Sendable {
    struct Pendiente {
        var titular: Titular
        var anio: Int
        var bytes: [UInt8]
        var recibido: Recepcion.Recibido
        var creado: Date
    }

    private var porToken: [String: Pendiente] = [:]
    private var orden: [String] = []
    private let cerrojo = NSLock()
    let maximo = 64
    let maximoBytes = 256 << 20
    let vida: TimeInterval = 30 * 60

    func guardar(_ p: Pendiente) -> String {
        let token = Secreto.secretoNuevo(prefijo: "")
        cerrojo.lock()
        defer { cerrojo.unlock() }
        porToken[token] = p
        orden.append(token)
        var total = porToken.values.reduce(0) { $0 + $1.bytes.count }
        while orden.count > maximo || total > maximoBytes, let viejo = orden.first {
            total -= porToken[viejo]?.bytes.count ?? 0
            porToken[viejo] = nil
            orden.removeFirst()
        }
        return token
    }

    /// The review of `token` if it belongs to `titular` and has not expired.
    func tomar(_ token: String, titular: Titular, quitar: Bool = false) -> Pendiente? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        guard let p = porToken[token], p.titular.claveID == titular.claveID,
            Date().timeIntervalSince(p.creado) < vida
        else { return nil }
        if quitar {
            porToken[token] = nil
            orden.removeAll { $0 == token }
        }
        return p
    }
}

/// A report build running in the background, with its progress.
final class Trabajo: @unchecked Sendable {
    enum Estado: String {
        case enCurso = "en curso"
        case terminado
        case fallo = "falló"
    }
    let id: String
    let anio: Int
    private let cerrojo = NSLock()
    private var _estado = Estado.enCurso
    private var _etapas: [String] = []
    private var _error: String?
    private var _paginas = 0

    init(anio: Int) {
        self.anio = anio
        id = Secreto.secretoNuevo(prefijo: "").prefix(16).description
    }

    func avance(_ texto: String) { con { _etapas.append(texto) } }
    func terminar(paginas: Int) { con { (_estado, _paginas) = (.terminado, paginas) } }
    func fallar(_ mensaje: String) { con { (_estado, _error) = (.fallo, mensaje) } }

    var foto: (estado: Estado, etapas: [String], error: String?, paginas: Int) {
        con { (_estado, _etapas, _error, _paginas) }
    }

    private func con<T>(_ cuerpo: () -> T) -> T {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return cuerpo()
    }
}

/// The builds, one at a time per year.
final class Trabajos: @unchecked Sendable {
    private var porAnio: [Int: Trabajo] = [:]
    private let cerrojo = NSLock()

    /// Starts a build of `anio` unless one is running; returns the job.
    func iniciar(anio: Int, construccion: Construccion) -> Trabajo {
        cerrojo.lock()
        if let t = porAnio[anio], t.foto.estado == .enCurso {
            cerrojo.unlock()
            return t
        }
        let trabajo = Trabajo(anio: anio)
        porAnio[anio] = trabajo
        cerrojo.unlock()
        DispatchQueue.global().async {
            do {
                let m = try construccion.construir { aviso in
                    if case .etapa(let n, let total, let texto) = aviso { trabajo.avance("[\(n)/\(total)] \(texto)") }
                }
                trabajo.terminar(paginas: m.paginas)
            } catch let error as ErrorServicio {
                trabajo.fallar(error.mensaje)
            } catch {
                trabajo.fallar("La construcción falló.")
            }
        }
        return trabajo
    }

    func trabajo(anio: Int) -> Trabajo? {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return porAnio[anio]
    }

    var todos: [Trabajo] {
        cerrojo.lock()
        defer { cerrojo.unlock() }
        return porAnio.keys.sorted().compactMap { porAnio[$0] }
    }
}
