/// The finding codes of the methodology (§5), shared by the methodology's checks and validation.
public enum CodigosHallazgo {
    public static let todos: Set<String> = [
        "archivo-ilegible", "identificacion-invalida", "instrumento-version", "hoja-faltante", "hoja-desconocida",
        "hoja-vacia", "encabezado-no-encontrado", "columna-faltante", "columna-desconocida", "columna-duplicada",
        "dato-personal-prohibido", "valor-requerido", "tipo-invalido", "fuera-de-catalogo", "fuera-de-rango",
        "formato-invalido", "fecha-fuera-de-periodo", "duplicado", "suma-inconsistente", "referencia-inexistente",
        "regla-incumplida", "entidad-faltante", "variacion-atipica",
    ]
}
