import Foundation

/// One loaded file, accepted or rejected, as the store keeps it.
public struct RegistroEnvio: Sendable, Hashable {
    public enum Estado: String, Sendable { case aceptado, rechazado }

    public var id: Int64
    public var instancia: String?
    public var anio: Int
    /// 1, 2, … per instancia and year (every load, accepted or not); nil when the instancia is unknown.
    public var version: Int?
    public var archivo: String
    public var sha256: String
    /// ISO-8601 time of the load, from the store's clock.
    public var cargadoEn: String
    public var estado: Estado
    public var errores: Int
    public var advertencias: Int
    public var filas: Int
    /// The fingerprint of the methodology it was validated with (`Metodologia.firma`); nil before schema 3.
    public var metodologia: String? = nil
}

/// What a load did.
public enum ResultadoCarga: Sendable, Equatable {
    case aceptado(version: Int, advertencias: Int)
    case rechazado(version: Int?, errores: Int)
    /// The same bytes were already loaded: nothing changed.
    case yaCargado(RegistroEnvio)
}
