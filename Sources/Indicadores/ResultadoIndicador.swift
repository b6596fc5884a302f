import Metodologia

/// One indicator computed for a year: its headline value, its breakdowns, its series and semáforo.
public struct ResultadoIndicador: Sendable {
    public struct Categoria: Sendable, Hashable {
        public var clave: String
        public var valor: Double?
        /// Set when the value is suppressed for publication (§7), with the reason.
        public var supresion: ControlDivulgacion.Motivo?
    }

    public struct Desglose: Sendable {
        public var por: String
        public var categorias: [Categoria]
    }

    public enum Semaforo: String, Sendable {
        case verde, amarillo, rojo
    }

    public var indicador: Indicador
    public var anio: Int
    public var valor: Double?
    public var desgloses: [Desglose]
    /// (year, value), oldest first: published history plus computed years.
    public var serie: [(anio: Int, valor: Double)]
    public var semaforo: Semaforo?
}
