import Metodologia

/// One indicator computed for a year: its headline value, its breakdowns, its series and semáforo.
public struct ResultadoIndicador: Sendable {
    public struct Categoria: Sendable, Hashable {
        public var clave: String
        public var valor: Double?
        /// Set when the value is suppressed for publication (§7), with the reason.
        public var supresion: ControlDivulgacion.Motivo?
        /// What the value was computed from: the numerator, and the denominator of a ratio.
        public var numerador: Double?
        public var denominador: Double?

        public init(
            clave: String, valor: Double?, supresion: ControlDivulgacion.Motivo? = nil, numerador: Double? = nil,
            denominador: Double? = nil
        ) {
            self.clave = clave
            self.valor = valor
            self.supresion = supresion
            self.numerador = numerador
            self.denominador = denominador
        }
    }

    public struct Desglose: Sendable {
        public var por: String
        public var categorias: [Categoria]

        public init(por: String, categorias: [Categoria]) {
            self.por = por
            self.categorias = categorias
        }
    }

    public enum Semaforo: String, Sendable {
        case verde, amarillo, rojo
    }

    public var indicador: Indicador
    public var anio: Int
    public var valor: Double?
    /// The headline value's numerator, and the denominator of a ratio.
    public var numerador: Double?
    public var denominador: Double?
    public var desgloses: [Desglose]
    /// (year, value), oldest first: published history plus computed years.
    public var serie: [(anio: Int, valor: Double)]
    public var semaforo: Semaforo?

    public init(
        indicador: Indicador, anio: Int, valor: Double?, desgloses: [Desglose], serie: [(anio: Int, valor: Double)],
        semaforo: Semaforo?
    ) {
        self.indicador = indicador
        self.anio = anio
        self.valor = valor
        self.desgloses = desgloses
        self.serie = serie
        self.semaforo = semaforo
    }
}
