import ArgumentParser

/// The command line entirely in Spanish: swift-argument-parser's own words (headings, defaults,
/// usage errors) translated, and a suggestion for a mistyped command or option.
enum Espanol {
    /// Replacements of swift-argument-parser's English, in order.
    static let reemplazos: [(String, String)] = [
        ("OVERVIEW: ", "DESCRIPCIÓN: "), ("USAGE: ", "USO: "), ("Usage: ", "Uso: "), ("ARGUMENTS:", "ARGUMENTOS:"),
        ("OPTIONS:", "OPCIONES:"), ("SUBCOMMANDS:", "ÓRDENES:"), ("(default:", "(por omisión:"),
        ("(values: ", "(valores: "), ("(values:", "(valores:"), ("; default: ", "; por omisión: "),
        ("default:", "por omisión:"), ("' and '", "' y '"),
        ("Show the version.", "Muestra la versión del programa."), ("Show help information.", "Muestra esta ayuda."),
        (
            "See 'informe help <subcommand>' for detailed help.",
            "Vea «informe help <orden>» para la ayuda de cada orden."
        ),
        ("<subcommand>", "<orden>"), ("Help:  ", "Ayuda: "), ("Help: ", "Ayuda: "),
        ("Missing expected argument ", "falta el argumento "), ("Missing value for ", "falta el valor de "),
        ("Unknown option ", "opción desconocida "), ("Unexpected argument ", "argumento inesperado "),
        (" unexpected arguments: ", " argumentos inesperados: "), ("Did you mean ", "¿Quiso decir "),
        ("Please provide one of ", "Use uno de "), (" is invalid for ", " no es válido para "),
        ("The value ", "el valor "),
        ("Missing expected argument", "falta un argumento"), ("for more information.", "para más información."),
    ]

    /// The text with every English phrase replaced and `'x'` quoted as `«x»`.
    static func traducir(_ texto: String) -> String {
        var t = texto
        for (en, es) in reemplazos { t = t.replacingOccurrences(of: en, with: es) }
        // 'x' → «x» (ArgumentParser quotes names and values with apostrophes).
        var out = ""
        var abierta = false
        var anterior: Character = " "
        for c in t {
            if c == "'" && (!abierta ? (anterior == " " || anterior == "(" || anterior == ":") : true) {
                out.append(abierta ? "»" : "«")
                abierta.toggle()
            } else {
                out.append(c)
            }
            anterior = c
        }
        return out.replacingOccurrences(of: "  See «", with: "  Vea «")
    }

    /// The closest of `opciones` to `palabra` (at most two edits away), for "¿Quiso decir …?".
    static func sugerencia(_ palabra: String, entre opciones: [String]) -> String? {
        let mejor = opciones.map { ($0, distancia(palabra, $0)) }.min { $0.1 < $1.1 }
        guard let mejor, mejor.1 <= max(2, palabra.count / 3) else { return nil }
        return mejor.0
    }

    static func distancia(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        var fila = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var anterior = fila[0]
            fila[0] = i
            for j in 1...max(1, y.count) where !y.isEmpty {
                let guardado = fila[j]
                fila[j] = min(fila[j] + 1, fila[j - 1] + 1, anterior + (x[i - 1] == y[j - 1] ? 0 : 1))
                anterior = guardado
            }
        }
        return fila[y.count]
    }

    /// Checks the command and its options before parsing: a mistyped command or option gets a
    /// Spanish error with a suggestion (exit 2) instead of the parser's English.
    static func revisar(_ argumentos: [String]) -> String? {
        let ordenes = Informe.configuration.subcommands.map { $0._commandName }
        guard let primera = argumentos.first, !primera.hasPrefix("-") else { return nil }
        if primera == "help" { return nil }
        guard let tipo = Informe.configuration.subcommands.first(where: { $0._commandName == primera }) else {
            var texto = "Error: «\(primera)» no es una orden de informe."
            if let s = sugerencia(primera, entre: ordenes) { texto += " ¿Quiso decir «\(s)»?" }
            return texto + "\nÓrdenes: " + ordenes.joined(separator: ", ") + ". Vea «informe --help»."
        }
        var resto = Array(argumentos.dropFirst())
        var tipoActual: any ParsableCommand.Type = tipo
        var orden = primera
        // Subcommands of subcommands (informe claves crear).
        while let siguiente = resto.first, !siguiente.hasPrefix("-"),
            let sub = tipoActual.configuration.subcommands.first(where: { $0._commandName == siguiente })
        {
            tipoActual = sub
            orden += " " + siguiente
            resto.removeFirst()
        }
        let ayuda = Informe.helpMessage(for: tipoActual)
        var validas = Set(["--help", "-h", "--version"])
        var i = ayuda.startIndex
        while let r = ayuda.range(of: "--", range: i..<ayuda.endIndex) {
            let nombre = "--" + ayuda[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            validas.insert(nombre)
            i = r.upperBound
        }
        for a in resto {
            if a == "--" { break }
            guard a.hasPrefix("--") else { continue }
            let nombre = String(a.prefix { $0 != "=" })
            guard !validas.contains(nombre) else { continue }
            var texto = "Error: opción desconocida «\(nombre)» para «informe \(orden)»."
            if let s = sugerencia(nombre, entre: Array(validas).sorted()) { texto += " ¿Quiso decir «\(s)»?" }
            return texto + "\nVea «informe \(orden) --help»."
        }
        return nil
    }
}
