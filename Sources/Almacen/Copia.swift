/// What `AlmacenSQL.copiar(a:)` copied.
public struct ResumenCopia: Sendable, Equatable {
    public var envios = 0
    public var hallazgos = 0
    public var claves = 0
    public var entradasAuditoria = 0
    public var originales = 0
    /// Typed rows, across every sheet's table.
    public var filas = 0
}

extension AlmacenSQL {
    /// Copies this whole store (every envío and version with its findings and typed rows, keys, sessions,
    /// the audit log and originals, with their numbers) into `destino`, which must be empty. The copy is
    /// one transaction on the destination: it is all there, or nothing is.
    ///
    /// ```swift
    /// let r = try AlmacenSQL(ruta: "informe.sqlite").copiar(a: postgres)
    /// ```
    public func copiar(a destino: AlmacenSQL) throws(ErrorAlmacen) -> ResumenCopia {
        let previos = try destino.consultar(
            "SELECT (SELECT COUNT(*) FROM envios) + (SELECT COUNT(*) FROM claves) + (SELECT COUNT(*) FROM auditoria)")
        if Self.entero(previos.first?.first ?? .nulo) != 0 {
            throw ErrorAlmacen(
                mensaje:
                    "La base de destino «\(destino.descripcion)» ya tiene envíos, claves o bitácora; la migración solo copia a una base vacía."
            )
        }
        return try conConexion { origen throws(ErrorAlmacen) -> ResumenCopia in
            try destino.enTransaccion(destino.dialecto.comenzarCarga) { base throws(ErrorAlmacen) -> ResumenCopia in
                var r = ResumenCopia()
                func copiar(
                    _ tabla: String, _ columnas: [String], orden: String, donde: String = "", _ p: [ValorSQL] = []
                )
                    throws(ErrorAlmacen) -> Int
                {
                    let filas = try origen.consultar(
                        "SELECT \(columnas.joined(separator: ", ")) FROM \(tabla) \(donde) ORDER BY \(orden)", p)
                    try destino.insertarLote(tabla, columnas, filas, en: base)
                    return filas.count
                }
                let envios = [
                    "id", "instancia", "anio", "version", "archivo", "sha256", "cargado_en", "estado", "errores",
                    "advertencias", "filas", "metodologia",
                ]
                r.envios = try copiar("envios", envios, orden: "id")
                r.hallazgos = try copiar(
                    "hallazgos",
                    [
                        "envio_id", "archivo", "hoja", "celda", "fila", "columna", "campo", "codigo", "severidad",
                        "regla", "valor", "mensaje",
                    ], orden: dialecto.ordenInsercion)
                r.claves = try copiar(
                    "claves", ["id", "hash", "instancia", "grupo_tecnico", "creada_en", "revocada_en"], orden: "id")
                _ = try copiar("sesiones", ["hash", "clave_id", "csrf", "expira"], orden: "hash")
                r.entradasAuditoria = try copiar(
                    "auditoria",
                    ["id", "cuando", "clave_id", "quien", "metodo", "ruta", "estado", "envio_id", "sha256"],
                    orden: "id")
                // Originals one at a time: each may be megabytes.
                for f in try origen.consultar("SELECT envio_id FROM originales ORDER BY envio_id", []) {
                    r.originales += try copiar(
                        "originales", ["envio_id", "nombre", "bytes"], orden: "envio_id", donde: "WHERE envio_id = ?",
                        [f[0]])
                }
                // The typed tables, with their columns and types, one envío at a time.
                let ids = try origen.consultar("SELECT id FROM envios WHERE estado = 'aceptado' ORDER BY id", [])
                for tabla in try origen.consultar(dialecto.tablasDeDatos, []).compactMap({ Self.texto($0[0]) }) {
                    let columnas = try self.columnas(tabla, en: origen).filter { $0.0 != "envio_id" && $0.0 != "fila" }
                    try destino.asegurarTabla(tabla, columnas, en: base)
                    let lista = ["envio_id", "fila"] + columnas.map { "\"\($0.0)\"" }
                    for id in ids {
                        let filas = try origen.consultar(
                            "SELECT \(lista.joined(separator: ", ")) FROM \"\(tabla)\" WHERE envio_id = ? ORDER BY fila",
                            [id[0]])
                        try destino.insertarLote(
                            "\"\(tabla)\"", lista,
                            filas.map { f in
                                Array(f.prefix(2)) + zip(columnas, f.dropFirst(2)).map { $0.0.1.ajustar($0.1) }
                            }, en: base)
                        r.filas += filas.count
                    }
                }
                for tabla in ["envios", "hallazgos", "claves", "auditoria"] {
                    if let sql = destino.dialecto.ajustarNumeracion(tabla) { _ = try base.consultar(sql, []) }
                }
                return r
            }
        }
    }
}
