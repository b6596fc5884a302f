import Metodologia
import Validacion

/// R-ANU-01's previous-year totals, read from the vigente versions in the store.
///
/// ```swift
/// v.anioAnterior = AnioAnteriorEnAlmacen(almacen: a) { instrumentos.metodologiaOpcional(anio: 2016) }
/// ```
public struct AnioAnteriorEnAlmacen: ProveedorAnioAnterior, @unchecked Sendable {
    let almacen: any Almacen
    /// Asked for when a total is first needed (a validation can start while it still loads); nil when
    /// the year has none, and then there is no total.
    let metodologiaAnterior: @Sendable () -> Metodologia?

    public init(almacen: any Almacen, metodologiaAnterior: Metodologia) {
        self.init(almacen: almacen) { metodologiaAnterior }
    }

    public init(almacen: any Almacen, metodologiaAnterior: @escaping @Sendable () -> Metodologia?) {
        self.almacen = almacen
        self.metodologiaAnterior = metodologiaAnterior
    }

    public func total(instancia: String, hoja: String, medida: String) -> Double? {
        guard let metodologiaAnterior = metodologiaAnterior(), let h = metodologiaAnterior.hoja(hoja),
            let vigente = try? almacen.vigentes(anio: metodologiaAnterior.anio).first(where: {
                $0.instancia == instancia
            }),
            let filas = try? almacen.filas(envio: vigente.id, hoja: h)
        else { return nil }
        if medida == "filas" { return Double(filas.count) }
        guard case .llamada("suma", let args)? = try? Expresion(analizando: medida), args.count == 1 else { return nil }
        return filas.reduce(0.0) { suma, valores in
            let contexto = Contexto(valores: valores)
            if case .numero(let n) = args[0].evaluar(en: contexto) { return suma + n }
            return suma
        }
    }

    struct Contexto: ContextoEvaluacion {
        var valores: [String: Valor]
        func valor(de nombre: String) -> Valor { valores[nombre] ?? .nulo }
    }
}
