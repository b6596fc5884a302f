/// What a build used and wrote (`manifiesto.json`): the program and methodology versions, each
/// vigente envío with its SHA-256, and the outputs.
///
/// ```swift
/// print(manifiesto.json)
/// ```
public struct Manifiesto: Sendable, Equatable {
    public struct Entrada: Sendable, Equatable {
        public var instancia: String
        public var archivo: String
        public var version: Int
        public var sha256: String
    }

    public var programa: String
    public var metodologia: String
    public var anio: Int
    public var datosSinteticos: Bool
    public var entradas: [Entrada]
    public var salidas: [String]
    /// Internal outputs, not for publication (the lineage of every value).
    public var internas: [String] = []
    /// Pages of the PDF (not in the JSON: the PDF says it).
    public var paginas: Int

    /// The JSON text, keys in a fixed order (byte-identical across runs).
    public var json: String {
        var out = "{\n  \"programa\": \(JSONText.string(programa)),\n"
        out += "  \"metodologia\": \(JSONText.string(metodologia)),\n  \"anio\": \(anio),\n"
        out += "  \"datos_sinteticos\": \(datosSinteticos),\n  \"entradas\": [\n"
        out += entradas.map { e in
            "    {\"instancia\": \(JSONText.string(e.instancia)), \"archivo\": \(JSONText.string(e.archivo)), \"version\": \(e.version), \"sha256\": \(JSONText.string(e.sha256))}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"salidas\": [" + salidas.map(JSONText.string).joined(separator: ", ") + "],\n"
        out += "  \"internas\": [" + internas.map(JSONText.string).joined(separator: ", ") + "]\n}\n"
        return out
    }
}
