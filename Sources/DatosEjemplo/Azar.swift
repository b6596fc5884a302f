/// A small deterministic random generator (SplitMix64): the same seed gives the same sample data.
struct Azar: RandomNumberGenerator {
    var estado: UInt64

    init(semilla: UInt64) { estado = semilla }

    mutating func next() -> UInt64 {
        estado &+= 0x9E37_79B9_7F4A_7C15
        var z = estado
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func entero(_ rango: ClosedRange<Int>) -> Int { Int.random(in: rango, using: &self) }
    mutating func probabilidad(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func elegir<T>(_ opciones: [T]) -> T { opciones[Int.random(in: 0..<opciones.count, using: &self)] }

    /// Picks by weight.
    mutating func ponderado<T>(_ opciones: [(T, Double)]) -> T {
        let total = opciones.reduce(0) { $0 + $1.1 }
        var x = Double.random(in: 0..<total, using: &self)
        for (valor, peso) in opciones {
            if x < peso { return valor }
            x -= peso
        }
        return opciones[opciones.count - 1].0
    }
}
