/// An indicator of the Programa Nacional (§6), as data: its formulas are expressions.
public struct Indicador: Sendable {
    public struct Desagregacion: Sendable {
        /// The breakdown's name (`sexo`, `entidad`, `instancia`, `grupo_edad`…).
        public var por: String
        /// The field that gives each row's category (defaults to `por`).
        public var campo: String?
        /// Derived categories (grupo_edad from edad).
        public var derivadoDe: String?
        /// One formula per category, when the categories are not a field's values.
        public var partes: [(categoria: String, formula: Expresion)]
        /// `filas` counts rows per category instead of splitting the numerator.
        public var cuenta: String?
        /// `razon: si`: each category is its own ratio (its numerator over its own denominator, both
        /// restricted to the category), e.g. per instancia, its rows with avance ≥ 50 over its rows.
        public var razonPorCategoria = false
    }

    public var clave: String
    public var nombre: String
    public var objetivo: Int
    public var definicion: String
    public var numerador: Expresion
    public var denominador: Expresion?
    public var unidad: String
    public var sentido: String
    public var lineaBase: (anio: Int, valor: Double)?
    /// The target and its year (`meta_2018: 60000` or `meta: {anio: 2018, valor: 60000}`).
    public var meta: (anio: Int, valor: Double)?
    public var desagregaciones: [Desagregacion]

    public var esPorcentaje: Bool { unidad == "porcentaje" }
}

/// An age group for the `grupo_edad` breakdown.
public struct GrupoEdad: Sendable, Hashable {
    public var clave: String
    public var desde: Int
    public var hasta: Int
}
