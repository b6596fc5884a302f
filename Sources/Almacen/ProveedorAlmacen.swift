import Metodologia
import Validacion

/// R-ANU-01's previous-year totals, read from the vigente versions in the store.
public struct AnioAnteriorEnAlmacen: ProveedorAnioAnterior, @unchecked Sendable {
    let almacen: any Almacen
    let metodologiaAnterior: Metodologia

    public init(almacen: any Almacen, metodologiaAnterior: Metodologia) {
        self.almacen = almacen
        self.metodologiaAnterior = metodologiaAnterior
    }

    public func total(instancia: String, hoja: String, medida: String) -> Double? {
        guard let h = metodologiaAnterior.hoja(hoja),
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
