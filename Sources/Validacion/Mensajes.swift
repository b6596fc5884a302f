import Metodologia

/// The Spanish text of every finding, as templates keyed by code (and a variant after `/` where one
/// code covers several situations). `{nombre}` is replaced by the value of that name.
///
/// ```swift
/// Mensajes.texto("valor-requerido", ["campo": "Sexo"])
/// // "Falta el valor de «Sexo», que es obligatorio. Escriba el dato; «ND» solo se admite en campos no obligatorios."
/// ```
public enum Mensajes {
    public static let plantillas: [String: String] = [
        "archivo-ilegible": "{detalle}",
        "identificacion-invalida/anio":
            "El año reportado es {valor}, pero este instrumento es del año {esperado}. Escriba {esperado} o use el instrumento de su año.",
        "identificacion-invalida/instancia":
            "La clave de instancia «{valor}» no está en el catálogo de instancias. Use la clave que le asignó el Grupo Técnico (por ejemplo, SEGOB o EST09).",
        "identificacion-invalida/filas":
            "La hoja Identificacion lleva exactamente una fila de datos y tiene {valor}. Deje solo la fila de su instancia.",
        "instrumento-version":
            "La versión del instrumento es «{valor}», pero la vigente es {esperado}. Descargue la plantilla {esperado} y copie sus datos en ella.",
        "hoja-faltante":
            "Falta la hoja «{hoja}», obligatoria para su instancia. Agréguela o, si no tuvo información, declárela en «Hojas sin información» de la hoja Identificacion.",
        "hoja-desconocida":
            "La hoja «{hoja}» no es parte del instrumento y no se leerá. Si sus datos pertenecen a otra hoja, cópielos ahí.",
        "hoja-vacia":
            "La hoja «{hoja}» solo tiene encabezados. Capture sus filas o, si no tuvo información, declárela en «Hojas sin información» de la hoja Identificacion.",
        "encabezado-no-encontrado":
            "No se encontró la fila de encabezados en las primeras {esperado} filas de la hoja «{hoja}». Use los encabezados de la plantilla (por ejemplo, «{ejemplo}»).",
        "columna-faltante":
            "Falta la columna obligatoria «{campo}» en la hoja «{hoja}». Agregue esa columna con su encabezado y sus datos.",
        "columna-desconocida":
            "La columna «{valor}» no es parte de la hoja «{hoja}» y no se leerá. Si es un campo del instrumento, use su encabezado oficial.",
        "columna-faltante/varias":
            "Faltan las columnas obligatorias «{campo}» en la hoja «{hoja}». Agregue esas columnas con sus encabezados y sus datos.",
        "columna-duplicada":
            "La columna «{campo}» aparece más de una vez en la hoja «{hoja}». Deje una sola.",
        "dato-personal-prohibido":
            "La columna «{valor}» parece contener datos personales, que el instrumento no admite (registro anónimo). Elimine la columna completa antes de enviar el archivo.",
        "valor-requerido":
            "Falta el valor de «{campo}», que es obligatorio. Escriba el dato; «ND» solo se admite en campos no obligatorios.",
        "valor-requerido/sin-dato":
            "«{campo}» es obligatorio y dice «{valor}» (sin dato). Escriba el dato; «ND» solo se admite en campos no obligatorios.",
        "tipo-invalido/entero":
            "«{campo}» debe ser un número entero y dice «{valor}». Escriba solo dígitos, por ejemplo 12.",
        "tipo-invalido/entero-decimales":
            "«{campo}» debe ser un número entero y tiene decimales ({valor}). Escriba un número sin decimales.",
        "tipo-invalido/decimal": "«{campo}» debe ser un número y dice «{valor}». Escriba un número, por ejemplo 12.5.",
        "tipo-invalido/fecha":
            "«{campo}» debe ser una fecha y dice «{valor}». Escriba la fecha como dd/mm/aaaa, por ejemplo 15/03/2017.",
        "tipo-invalido/error-formula":
            "La celda de «{campo}» tiene el error de fórmula {valor}. Corrija la fórmula o escriba el valor.",
        "fuera-de-catalogo":
            "«{valor}» no es un valor válido de «{campo}». ¿Quiso decir «{sugerencia}»? Use un valor de la lista del catálogo {catalogo}.",
        "fuera-de-catalogo/sin-sugerencia":
            "«{valor}» no es un valor válido de «{campo}». Use un valor de la lista del catálogo {catalogo}.",
        "fuera-de-rango": "«{campo}» vale {valor}, fuera de lo permitido ({esperado}). Revise el dato.",
        "fuera-de-rango/largo":
            "«{campo}» tiene {valor} caracteres; el máximo es {esperado}. Resuma el texto.",
        "formato-invalido":
            "«{campo}» dice «{valor}», que no tiene el formato esperado ({esperado}). Corrija el dato.",
        "formato-invalido/correo":
            "«{campo}» dice «{valor}», que no es un correo electrónico válido. Escriba una dirección como nombre@dependencia.gob.mx.",
        "fecha-fuera-de-periodo":
            "«{campo}» es {valor}, fuera del periodo reportado ({esperado}). Corrija la fecha o reporte el dato en el año que corresponde.",
        "duplicado":
            "«{valor}» ya aparece en la fila {esperado}; {campo} no se puede repetir en la hoja. Corrija el valor o elimine la fila repetida.",
        "referencia-inexistente":
            "«{valor}» no existe en la hoja {esperado} de este envío. Registre primero a la víctima en esa hoja o corrija el folio.",
        "entidad-faltante":
            "Falta la entidad «{valor}» en la hoja «{hoja}», que debe traer las 32 entidades federativas. Agregue su fila.",
        "variacion-atipica":
            "El total de la hoja «{hoja}» ({valor}) cambia {esperado} frente a la versión vigente del año anterior. Verifique las cifras; si son correctas, explíquelo en «Observaciones».",
        "regla-incumplida": "{detalle}",
        "suma-inconsistente": "{detalle}",
    ]

    /// The message for a code (or `codigo/variante`), with the names filled in. An unknown variant
    /// falls back to the code's own template.
    public static func texto(_ clave: String, _ datos: [String: String]) -> String {
        let plantilla =
            plantillas[clave] ?? plantillas[String(clave.split(separator: "/").first ?? "")] ?? "{detalle}"
        var out = ""
        var resto = Substring(plantilla)
        while let abre = resto.firstIndex(of: "{"), let cierra = resto[abre...].firstIndex(of: "}") {
            out += resto[..<abre]
            let nombre = String(resto[resto.index(after: abre)..<cierra])
            out += datos[nombre] ?? ""
            resto = resto[resto.index(after: cierra)...]
        }
        return out + resto
    }
}
