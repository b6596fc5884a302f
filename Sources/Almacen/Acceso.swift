import Foundation
import Validacion

/// Who a key belongs to: one instancia, or the Grupo Técnico (who sees everything).
public struct Titular: Sendable, Hashable {
    public var claveID: Int64
    /// The instancia of an institution's key; nil for the Grupo Técnico.
    public var instancia: String?
    public var grupoTecnico: Bool

    /// What the audit log and the pages call this holder.
    public var nombre: String { grupoTecnico ? "Grupo Técnico" : (instancia ?? "—") }
}

/// An access key as listed (never its secret, which is only shown once when created).
public struct RegistroClave: Sendable, Hashable {
    public var id: Int64
    public var instancia: String?
    public var grupoTecnico: Bool
    public var creadaEn: String
    public var revocadaEn: String?
}

/// One line of the audit log.
public struct EntradaAuditoria: Sendable, Hashable {
    public var cuando: String
    public var quien: String
    public var metodo: String
    public var ruta: String
    public var estado: Int
    public var envioID: Int64?
    public var sha256: String?

    public init(
        cuando: String, quien: String, metodo: String, ruta: String, estado: Int, envioID: Int64?, sha256: String?
    ) {
        self.cuando = cuando
        self.quien = quien
        self.metodo = metodo
        self.ruta = ruta
        self.estado = estado
        self.envioID = envioID
        self.sha256 = sha256
    }
}

/// Secrets: random keys and tokens, and the hash that is all the store keeps of them.
public enum Secreto {
    /// The SHA-256 of a secret (keys and session tokens are stored hashed, never in clear).
    public static func huella(_ secreto: String) -> String {
        var h = SHA256()
        h.actualizar(Array(secreto.utf8))
        return h.resumenHex
    }

    /// A new random secret: 32 bytes from the system's generator, hex, with a readable prefix.
    public static func secretoNuevo(prefijo: String) -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return prefijo + bytes.map { String(format: "%02x", $0) }.joined()
    }
}

extension AlmacenSQL {
    /// Creates a key for an instancia or for the Grupo Técnico; returns the secret, shown only once.
    public func crearClave(instancia: String?, grupoTecnico: Bool) throws(ErrorAlmacen) -> (id: Int64, clave: String) {
        let clave = Secreto.secretoNuevo(prefijo: grupoTecnico ? "gt_" : "in_")
        let instante = ISO8601DateFormatter().string(from: reloj())
        return try conConexion { base throws(ErrorAlmacen) in
            let fila = try base.consultar(
                "INSERT INTO claves (hash, instancia, grupo_tecnico, creada_en) VALUES (?,?,?,?) RETURNING id",
                [
                    .texto(Secreto.huella(clave)), instancia.map { .texto($0) } ?? .nulo,
                    .entero(grupoTecnico ? 1 : 0), .texto(instante),
                ])
            guard let id = Self.entero(fila.first?.first ?? .nulo) else {
                throw ErrorAlmacen(mensaje: "Error de la base de datos: no devolvió el número de la clave.")
            }
            return (id, clave)
        }
    }

    /// Revokes a key by its id; false when there is no such active key.
    public func revocarClave(id: Int64) throws(ErrorAlmacen) -> Bool {
        let instante = ISO8601DateFormatter().string(from: reloj())
        return try enTransaccion { base throws(ErrorAlmacen) -> Bool in
            let activa = try base.consultar(
                "SELECT id FROM claves WHERE id = ? AND revocada_en IS NULL", [.entero(id)])
            guard !activa.isEmpty else { return false }
            _ = try base.consultar(
                "UPDATE claves SET revocada_en = ? WHERE id = ?",
                [
                    .texto(instante), .entero(id),
                ])
            _ = try base.consultar("DELETE FROM sesiones WHERE clave_id = ?", [.entero(id)])
            return true
        }
    }

    /// Every key, oldest first.
    public func claves() throws(ErrorAlmacen) -> [RegistroClave] {
        try consultar("SELECT id, instancia, grupo_tecnico, creada_en, revocada_en FROM claves ORDER BY id").map { f in
            RegistroClave(
                id: Self.entero(f[0]) ?? 0, instancia: Self.texto(f[1]), grupoTecnico: Self.entero(f[2]) == 1,
                creadaEn: Self.texto(f[3]) ?? "", revocadaEn: Self.texto(f[4]))
        }
    }

    /// The holder of an active key, or nil.
    public func titular(clave: String) throws(ErrorAlmacen) -> Titular? {
        try consultar(
            "SELECT id, instancia, grupo_tecnico FROM claves WHERE hash = ? AND revocada_en IS NULL",
            [.texto(Secreto.huella(clave))]
        ).first.map { f in
            Titular(claveID: Self.entero(f[0]) ?? 0, instancia: Self.texto(f[1]), grupoTecnico: Self.entero(f[2]) == 1)
        }
    }

    // MARK: Sessions

    /// Opens a session for a key holder: returns the session token (for the cookie) and the CSRF
    /// token of its forms. Only the token's hash is stored.
    public func abrirSesion(_ titular: Titular, duracion: TimeInterval) throws(ErrorAlmacen) -> (
        token: String, csrf: String
    ) {
        let token = Secreto.secretoNuevo(prefijo: "")
        let csrf = Secreto.secretoNuevo(prefijo: "")
        let expira = ISO8601DateFormatter().string(from: reloj().addingTimeInterval(duracion))
        try conConexion { base throws(ErrorAlmacen) in
            _ = try base.consultar(
                "INSERT INTO sesiones (hash, clave_id, csrf, expira) VALUES (?,?,?,?)",
                [
                    .texto(Secreto.huella(token)), .entero(titular.claveID), .texto(csrf), .texto(expira),
                ])
        }
        return (token, csrf)
    }

    /// The holder and CSRF token of a live session whose key is still active.
    public func sesion(token: String) throws(ErrorAlmacen) -> (titular: Titular, csrf: String)? {
        let ahora = ISO8601DateFormatter().string(from: reloj())
        return try consultar(
            """
            SELECT c.id, c.instancia, c.grupo_tecnico, s.csrf FROM sesiones s JOIN claves c ON c.id = s.clave_id
            WHERE s.hash = ? AND s.expira > ? AND c.revocada_en IS NULL
            """,
            [.texto(Secreto.huella(token)), .texto(ahora)]
        ).first.map { f in
            (
                Titular(
                    claveID: Self.entero(f[0]) ?? 0, instancia: Self.texto(f[1]), grupoTecnico: Self.entero(f[2]) == 1),
                Self.texto(f[3]) ?? ""
            )
        }
    }

    public func cerrarSesion(token: String) throws(ErrorAlmacen) {
        try conConexion { base throws(ErrorAlmacen) in
            _ = try base.consultar("DELETE FROM sesiones WHERE hash = ?", [.texto(Secreto.huella(token))])
        }
    }

    // MARK: Audit log

    public func auditar(_ e: EntradaAuditoria, claveID: Int64?) throws(ErrorAlmacen) {
        try conConexion { base throws(ErrorAlmacen) in
            _ = try base.consultar(
                "INSERT INTO auditoria (cuando, clave_id, quien, metodo, ruta, estado, envio_id, sha256) VALUES (?,?,?,?,?,?,?,?)",
                [
                    .texto(e.cuando), claveID.map { .entero($0) } ?? .nulo, .texto(e.quien), .texto(e.metodo),
                    .texto(e.ruta), .entero(Int64(e.estado)), e.envioID.map { .entero($0) } ?? .nulo,
                    e.sha256.map { .texto($0) } ?? .nulo,
                ])
        }
    }

    /// The audit log, newest last.
    public func auditoria() throws(ErrorAlmacen) -> [EntradaAuditoria] {
        try consultar("SELECT cuando, quien, metodo, ruta, estado, envio_id, sha256 FROM auditoria ORDER BY id").map {
            f in
            EntradaAuditoria(
                cuando: Self.texto(f[0]) ?? "", quien: Self.texto(f[1]) ?? "", metodo: Self.texto(f[2]) ?? "",
                ruta: Self.texto(f[3]) ?? "", estado: Int(Self.entero(f[4]) ?? 0), envioID: Self.entero(f[5]),
                sha256: Self.texto(f[6]))
        }
    }

    // MARK: Originals and findings

    /// Keeps the bytes of an accepted envío (provenance; readable by its owner and the Grupo Técnico).
    public func guardarOriginal(envio id: Int64, nombre: String, bytes: [UInt8]) throws(ErrorAlmacen) {
        try conConexion { base throws(ErrorAlmacen) in
            _ = try base.consultar(
                "INSERT INTO originales (envio_id, nombre, bytes) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                [
                    .entero(id), .texto(nombre), .bytes(bytes),
                ])
        }
    }

    public func original(envio id: Int64) throws(ErrorAlmacen) -> (nombre: String, bytes: [UInt8])? {
        try consultar("SELECT nombre, bytes FROM originales WHERE envio_id = ?", [.entero(id)]).first.flatMap { f in
            guard case .bytes(let b) = f[1] else { return nil }
            return (Self.texto(f[0]) ?? "envio", b)
        }
    }

}
