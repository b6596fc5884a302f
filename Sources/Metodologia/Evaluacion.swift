/// What an expression can read while it is evaluated: field and context values, catalog
/// attributes, and functions beyond the built-in ones (the aggregates of indicator formulas).
public protocol ContextoEvaluacion {
    func valor(de nombre: String) -> Valor
    func atributo(catalogo: String, clave: String, columna: String) -> String?
    /// A function the language does not define itself; nil when unknown.
    func llamar(_ nombre: String, _ argumentos: [Expresion]) -> Valor?
}

extension ContextoEvaluacion {
    public func atributo(catalogo: String, clave: String, columna: String) -> String? { nil }
    public func llamar(_ nombre: String, _ argumentos: [Expresion]) -> Valor? { nil }
}

/// The functions every context has.
public let funcionesIntegradas: Set<String> = ["vacio", "presente", "dias", "fecha", "atributo"]

extension Expresion {
    /// Evaluates with three-valued logic: a comparison with an empty value is `.nulo` (not judged),
    /// `a => b` holds unless `a` is true and `b` false, `a <=> b` holds unless both are known and differ.
    @inlinable
    public func evaluar(en contexto: some ContextoEvaluacion) -> Valor {
        switch self {
        case .numero(let n): return .numero(n)
        case .texto(let t): return .texto(t)
        case .campo(let c): return contexto.valor(de: c)
        case .opuesto(let e):
            if case .numero(let n) = e.evaluar(en: contexto) { return .numero(-n) }
            return .nulo
        case .negacion(let e):
            if case .logico(let b) = e.evaluar(en: contexto) { return .logico(!b) }
            return .nulo
        case .pertenece(let e, let lista):
            let v = e.evaluar(en: contexto)
            if v.esNulo { return .nulo }
            return .logico(lista.contains { $0.evaluar(en: contexto) == v })
        case .donde(let e, _):
            return e.evaluar(en: contexto)
        case .llamada(let nombre, let args):
            return llamar(nombre, args, contexto)
        case .binaria(let op, let a, let b):
            return binaria(op, a, b, contexto)
        }
    }

    @inlinable
    func llamar(_ nombre: String, _ args: [Expresion], _ contexto: some ContextoEvaluacion) -> Valor {
        switch (nombre, args.count) {
        case ("vacio", 1): return .logico(args[0].evaluar(en: contexto).esNulo)
        case ("presente", 1): return .logico(!args[0].evaluar(en: contexto).esNulo)
        case ("dias", 2):
            // Days of an event, both ends included; not judged when the dates are reversed.
            if case .fecha(let a) = args[0].evaluar(en: contexto), case .fecha(let b) = args[1].evaluar(en: contexto),
                b >= a
            {
                return .numero(Double(b - a + 1))
            }
            return .nulo
        case ("fecha", 1):
            if case .texto(let t) = args[0].evaluar(en: contexto), let f = Fecha(texto: t) { return .fecha(f.dias) }
            return .nulo
        case ("atributo", 3):
            guard case .texto(let catalogo) = args[0].evaluar(en: contexto),
                case .texto(let clave) = args[1].evaluar(en: contexto),
                case .texto(let columna) = args[2].evaluar(en: contexto),
                let valor = contexto.atributo(catalogo: catalogo, clave: clave, columna: columna)
            else { return .nulo }
            return .texto(valor)
        default:
            return contexto.llamar(nombre, args) ?? .nulo
        }
    }

    @inlinable
    func binaria(_ op: Operador, _ a: Expresion, _ b: Expresion, _ contexto: some ContextoEvaluacion) -> Valor {
        switch op {
        case .y:
            let x = a.evaluar(en: contexto)
            if x == .logico(false) { return .logico(false) }
            let y = b.evaluar(en: contexto)
            if y == .logico(false) { return .logico(false) }
            return x == .logico(true) && y == .logico(true) ? .logico(true) : .nulo
        case .o:
            let x = a.evaluar(en: contexto)
            if x == .logico(true) { return .logico(true) }
            let y = b.evaluar(en: contexto)
            if y == .logico(true) { return .logico(true) }
            return x == .logico(false) && y == .logico(false) ? .logico(false) : .nulo
        case .implica:
            guard a.evaluar(en: contexto) == .logico(true) else { return .logico(true) }
            return b.evaluar(en: contexto) == .logico(false) ? .logico(false) : .logico(true)
        case .equivale:
            guard case .logico(let x) = a.evaluar(en: contexto), case .logico(let y) = b.evaluar(en: contexto) else {
                return .logico(true)
            }
            return .logico(x == y)
        default: break
        }
        let x = a.evaluar(en: contexto)
        let y = b.evaluar(en: contexto)
        if x.esNulo || y.esNulo { return .nulo }
        switch op {
        case .suma, .resta, .producto, .cociente:
            guard case .numero(let m) = x, case .numero(let n) = y else { return .nulo }
            switch op {
            case .suma: return .numero(m + n)
            case .resta: return .numero(m - n)
            case .producto: return .numero(m * n)
            default: return n == 0 ? .nulo : .numero(m / n)
            }
        case .igual: return .logico(iguales(x, y))
        case .distinto: return .logico(!iguales(x, y))
        default:
            guard let orden = comparar(x, y) else { return .nulo }
            switch op {
            case .menor: return .logico(orden < 0)
            case .menorIgual: return .logico(orden <= 0)
            case .mayor: return .logico(orden > 0)
            default: return .logico(orden >= 0)
            }
        }
    }

    @inlinable
    func iguales(_ x: Valor, _ y: Valor) -> Bool {
        if case .numero(let m) = x, case .numero(let n) = y { return abs(m - n) < 1e-9 }
        return x == y
    }

    @inlinable
    func comparar(_ x: Valor, _ y: Valor) -> Int? {
        switch (x, y) {
        case (.numero(let m), .numero(let n)): return m < n ? -1 : (m > n ? 1 : 0)
        case (.fecha(let m), .fecha(let n)): return m < n ? -1 : (m > n ? 1 : 0)
        case (.texto(let m), .texto(let n)): return m < n ? -1 : (m > n ? 1 : 0)
        default: return nil
        }
    }
}
