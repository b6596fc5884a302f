import Foundation
import Metodologia
import Validacion

/// The typed table of each sheet (one column per field, with the field's storage type) and the values
/// that go in and out of it, the same on every engine.
extension AlmacenSQL {
    // MARK: Typed tables per sheet

    static func nombreTabla(_ hoja: String) -> String { "datos_" + nombreColumna(hoja) }
    static func tabla(_ hoja: String) -> String { "\"\(nombreTabla(hoja))\"" }
    /// Letters, digits and `_` of the name (claves are ASCII: kept as they are without a lookup).
    static func nombreColumna(_ campo: String) -> String {
        let simple = campo.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
        }
        return simple ? campo : campo.filter { $0.isLetter || $0.isNumber || $0 == "_" }
    }
    static func columna(_ campo: String) -> String { "\"\(nombreColumna(campo))\"" }

    static func tipoColumna(_ tipo: TipoCampo) -> TipoColumna {
        switch tipo {
        case .entero: return .entero
        case .decimal: return .real
        default: return .texto
        }
    }

    /// The columns a table has, with their storage types; empty when it does not exist.
    func columnas(_ nombre: String, en base: any ConexionSQL) throws(ErrorAlmacen) -> [(String, TipoColumna)] {
        try base.consultar(dialecto.columnasDeTabla, [.texto(nombre)]).compactMap { f -> (String, TipoColumna)? in
            guard let n = Self.texto(f[0]) else { return nil }
            return (n, TipoColumna(declarado: Self.texto(f[1]) ?? ""))
        }
    }

    /// The column names of a typed table, remembered: reading an envío asks for each sheet's columns, and a
    /// server answers that from its catalog far more slowly than the rows. Asking for a field the
    /// remembered set lacks looks again (another process may have added the column since).
    func columnasPresentes(_ nombre: String, campos: [String], en base: any ConexionSQL) throws(ErrorAlmacen)
        -> Set<String>
    {
        cerrojo.lock()
        let recordadas = columnasRecordadas[nombre]
        cerrojo.unlock()
        if let recordadas, campos.allSatisfy(recordadas.contains) { return recordadas }
        let actuales = Set(try columnas(nombre, en: base).map(\.0))
        cerrojo.lock()
        if !actuales.isEmpty { columnasRecordadas[nombre] = actuales }
        cerrojo.unlock()
        return actuales
    }

    /// Creates a table with these columns (after `envio_id` and `fila`), or adds the ones it lacks.
    func asegurarTabla(
        _ nombre: String, _ campos: [(String, TipoColumna)], en base: any ConexionSQL
    ) throws(ErrorAlmacen) {
        let existentes = Set(try columnas(nombre, en: base).map(\.0))
        let tabla = "\"\(nombre)\""
        if existentes.isEmpty {
            let definiciones = campos.map { "\"\($0.0)\" \(dialecto.tipo($0.1))" }.joined(separator: ", ")
            try base.ejecutar(
                "CREATE TABLE \(tabla) (envio_id \(dialecto.entero) NOT NULL REFERENCES envios (id), fila \(dialecto.entero) NOT NULL, \(definiciones)); CREATE INDEX \"idx_\(nombre.dropFirst(6))\" ON \(tabla) (envio_id)"
            )
            return
        }
        for (campo, tipo) in campos where !existentes.contains(campo) {
            try base.ejecutar("ALTER TABLE \(tabla) ADD COLUMN \"\(campo)\" \(dialecto.tipo(tipo))")
        }
    }

    /// Inserts many rows with one statement per batch (one round trip to a server per batch).
    func insertarLote(
        _ tabla: String, _ columnas: [String], _ filas: [[ValorSQL]], en base: any ConexionSQL
    ) throws(ErrorAlmacen) {
        guard !columnas.isEmpty, !filas.isEmpty else { return }
        let porLote = max(1, min(500, 30_000 / columnas.count))
        let lista = columnas.joined(separator: ", ")
        let marcas = "(" + Array(repeating: "?", count: columnas.count).joined(separator: ",") + ")"
        var inicio = 0
        while inicio < filas.count {
            // Full batches, then the rest in powers of two: a handful of statement texts per table,
            // each prepared once and reused (a statement per row count was parsed anew every envío).
            let quedan = filas.count - inicio
            let cuantas = quedan >= porLote ? porLote : 1 << (Int.bitWidth - 1 - quedan.leadingZeroBitCount)
            let fin = inicio + cuantas
            let sql =
                "INSERT INTO \(tabla) (\(lista)) VALUES "
                + Array(repeating: marcas, count: fin - inicio).joined(separator: ",")
            _ = try base.consultar(sql, Array(filas[inicio..<fin].joined()))
            inicio = fin
        }
    }

    static func sql(_ v: Valor) -> ValorSQL {
        switch v {
        case .nulo: return .nulo
        case .numero(let n): return n == n.rounded() && abs(n) < 9e15 ? .entero(Int64(n)) : .real(n)
        case .texto(let t): return .texto(t)
        case .fecha(let d): return .texto(Fecha(dias: d).iso)
        case .logico(let b): return .entero(b ? 1 : 0)
        }
    }

    static func valor(_ v: ValorSQL, _ tipo: TipoCampo) -> Valor {
        switch (v, tipo) {
        case (.nulo, _): return .nulo
        case (.texto(let t), .fecha): return Fecha(texto: t).map { .fecha($0.dias) } ?? .nulo
        case (.entero(let n), _): return .numero(Double(n))
        case (.real(let d), _): return .numero(d)
        case (.texto(let t), _): return .texto(t)
        case (.bytes, _): return .nulo
        }
    }

    // MARK: Values

    static func indiceColumna(_ letras: String) -> Int? {
        var n = 0
        for c in letras.utf8 {
            guard c >= 65 && c <= 90 else { return nil }
            n = n * 26 + Int(c - 64)
        }
        return n > 0 ? n - 1 : nil
    }

    static func entero(_ v: ValorSQL) -> Int64? {
        if case .entero(let n) = v { return n }
        return nil
    }

    static func texto(_ v: ValorSQL) -> String? {
        if case .texto(let t) = v { return t }
        return nil
    }
}
