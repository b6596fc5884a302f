import Foundation

/// The methodology of one year, loaded from `Instrumento/<año>/` (see the README for its format).
///
/// ```swift
/// let m = try Metodologia.cargar(carpeta: URL(fileURLWithPath: "Instrumento/2017"))
/// print(m.version, m.hojas.map(\.clave))
/// ```
public struct Metodologia: Sendable {
    public var anio: Int
    public var version: String
    public var periodo: Periodo
    public var sinDato: [String]
    public var hojasIgnoradas: [String]
    public var filasParaEncabezado: Int
    /// Disclosure threshold k (§7).
    public var umbralConfidencialidad: Int
    public var hojas: [Hoja]
    public var catalogos: [String: Catalogo]
    /// Values accepted besides a catalog's claves when a type asks for them (`00`, `EXT`, `OSC`).
    public var valoresExtra: [String: String]
    public var reglas: [Regla]
    public var indicadores: [Indicador]
    public var gruposDeEdad: [GrupoEdad]
    /// The folder it was loaded from.
    public var carpeta: URL

    public func hoja(_ clave: String) -> Hoja? { hojas.first { $0.clave == clave } }

    /// The sheet a name stands for (a sheet's name or a CSV file's name), ignoring case and accents.
    public func hoja(nombrada nombre: String) -> Hoja? {
        let n = normalizar(nombre)
        return hojas.first { normalizar($0.clave) == n }
    }

    public func reglas(deHoja hoja: String) -> [Regla] { reglas.filter { $0.hoja == hoja } }

    /// The «sin dato» marks, normalized once, and which ASCII bytes one of them starts with.
    var sinDatoNormalizado: Set<String> = [] {
        didSet {
            primerosSinDato = [Bool](repeating: false, count: 128)
            for marca in sinDatoNormalizado {
                if let b = marca.utf8.first, b < 128 { primerosSinDato[Int(b)] = true }
            }
        }
    }
    var primerosSinDato = [Bool](repeating: false, count: 128)

    /// Whether the text is a «sin dato» mark (`ND`, `N/D`…); `normalizado` is `normalizar(texto)`
    /// when the caller already has it.
    public func esSinDato(_ texto: String, normalizado: String? = nil) -> Bool {
        // Marks are short: longer texts are never one, and are not normalized for it.
        guard texto.utf8.count <= 24 else { return false }
        // Normalizing keeps a first byte that is ASCII and not a space or `_` (lowercased): a text that
        // starts like no mark is not one, and is not normalized to find out (most values: numbers,
        // dates, names).
        if normalizado == nil, let b = texto.utf8.first, b < 128, !Self.seQuitaAlNormalizar(b) {
            guard primerosSinDato[Int(b >= 65 && b <= 90 ? b + 32 : b)] else { return false }
        }
        return sinDatoNormalizado.contains(normalizado ?? normalizar(texto))
    }

    /// Whether some «sin dato» mark starts with this ASCII byte (as `normalizar` leaves it).
    public func algunaMarcaEmpiezaCon(_ byte: UInt8) -> Bool {
        byte < 128 && primerosSinDato[Int(byte >= 65 && byte <= 90 ? byte + 32 : byte)]
    }

    /// ASCII whitespace and `_`: what `normalizar` drops or turns into a single space.
    private static func seQuitaAlNormalizar(_ b: UInt8) -> Bool {
        (b >= 9 && b <= 13) || b == 32 || b == UInt8(ascii: "_")
    }

    /// The `Instrumento/<año>` folder for a year, under the project's `Instrumento/` folder.
    public static func carpeta(anio: Int, raiz: URL) -> URL {
        raiz.appendingPathComponent("Instrumento/\(anio)")
    }
}
