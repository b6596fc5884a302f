/// A file that fed the report: who sent it, which version, and its SHA-256.
public struct FuenteEnvio: Sendable {
    public var instancia: String
    public var version: Int
    public var archivo: String
    public var sha256: String

    public init(instancia: String, version: Int, archivo: String, sha256: String) {
        self.instancia = instancia
        self.version = version
        self.archivo = archivo
        self.sha256 = sha256
    }
}
