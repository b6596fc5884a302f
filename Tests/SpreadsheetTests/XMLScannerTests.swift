import Foundation
import Testing

@testable import Spreadsheet

/// Records a parser's events as text, so that the scanner and libxml2 can be compared: text runs are
/// joined (the two split them differently), attributes in order with prefix, namespace and value.
final class EventRecorder: XMLEventHandler {
    var events: [String] = []
    private var text: [UInt8] = []

    private func flush() {
        if !text.isEmpty { events.append("text " + String(decoding: text, as: UTF8.self).debugDescription) }
        text.removeAll()
    }

    override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        flush()
        var line = "start " + name.string
        if let base = attributes.base {
            for i in 0..<attributes.count {
                let local = base[i * 5].map { String(cString: $0) } ?? "?"
                let prefix = base[i * 5 + 1].map { String(cString: $0) + ":" } ?? ""
                let uri = base[i * 5 + 2].map { "{" + String(cString: $0) + "}" } ?? ""
                let value = String(decoding: XMLAttributes.span(base, i), as: UTF8.self)
                line += " \(uri)\(prefix)\(local)=\(value.debugDescription)"
            }
        }
        events.append(line)
    }

    override func endElement(_ name: XMLName) {
        flush()
        events.append("end " + name.string)
    }

    override func characters(_ bytes: UnsafeBufferPointer<UInt8>) { text.append(contentsOf: bytes) }

    /// The events, or the kind of error that stopped the parse.
    func outcome(_ error: SpreadsheetError?) -> [String] {
        flush()
        guard let error else { return events }
        switch error.problem {
        case .forbiddenDTD: return ["DTD"]
        case .malformedXML: return ["malformado"]
        default: return ["otro: \(error.problem)"]
        }
    }
}

/// Feeds `bytes` in pieces of `piece` bytes (all at once with 0).
func chunks(_ bytes: [UInt8], _ piece: Int) -> () throws(SpreadsheetError) -> [UInt8]? {
    var offset = 0
    return { () throws(SpreadsheetError) -> [UInt8]? in
        guard offset < bytes.count else { return nil }
        let n = piece == 0 ? bytes.count : min(piece, bytes.count - offset)
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }
}

func conLibxml2(_ bytes: [UInt8]) -> [String] {
    let recorder = EventRecorder()
    do {
        try XMLStreamParser(handler: recorder, file: "a.xlsx", part: "p.xml").parse(reading: chunks(bytes, 0))
        return recorder.outcome(nil)
    } catch {
        return recorder.outcome(error)
    }
}

func conEscaner(_ bytes: [UInt8], trozo: Int = 0) -> [String] {
    let recorder = EventRecorder()
    do {
        try XMLScanner(handler: recorder, file: "a.xlsx", part: "p.xml").parse(reading: chunks(bytes, trozo))
        return recorder.outcome(nil)
    } catch {
        return recorder.outcome(error)
    }
}

@Suite("Escáner XML propio frente a libxml2")
struct XMLScannerTests {
    static let validos: [String] = [
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"
            + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>3.5</v></c></row></sheetData><hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks></worksheet>"#,
        "\u{FEFF}<a>uno &amp; dos &lt;tres&gt; &quot;cuatro&quot; &apos;cinco&apos; &#65;&#x42;&#233;&#x1F600;</a>",
        "<a>\r\nlínea\rotra\r\n</a>",
        "<a b=\"x&amp;y\" c='comillas \"dobles\"' d=\"&#38;&lt;&#x9;\" e=\"tab\ty\nsalto\r\nfin\"/>",
        "<x:a xmlns:x=\"urn:x\" xmlns:y='urn:y'><x:b y:c=\"1\" c=\"2\"/><y:d xmlns:y=\"urn:otra\" y:e=\"3\"/></x:a>",
        "<!-- antes --><?pi datos?><a><![CDATA[<no> & es ]] marca\r\n]]><!-- dentro --></a><!-- después -->  \n",
        "<a xml:space=\"preserve\">  espacios  </a>",
        "<a><b/><c></c ><d>ñ€𐍈</d></a>",
        "<raíz atributo-ñ=\"v\" _x.y-z=\"w\"><ñandú/></raíz>",
        "<a>]]</a>",
        "<a>&#x10FFFF;</a>",
        "<a>texto > mayor</a>",
        "<?xml-stylesheet href='a.xsl'?><a/>",
        "<x:a xmlns:x=\"urn:a&amp;b\" xmlns:y=\"urn:&#x41;\" y:b=\"&#38;\"/>",
        // End tags found where the open element's name says their `>` is, and the others.
        "<fila><c>x</c\n><cc></cc\t><row r=\"1\"></row ><c/></fila>",
        "<x:a xmlns:x=\"urn:x\"><x:b></x:b><b></b   ></x:a>", "<a><b></b>></a>",
    ]

    static let malformados: [String] = [
        "<a><b></a></b>", "<a>", "<a></a><b/>", "<a></a>texto", "texto<a/>", "<a>&nbsp;</a>", "<a>&#0;</a>",
        "<a>&#xD800;</a>", "<a>& suelto</a>", "<a b=\"1\" b=\"2\"/>", "<x:a/>", "<a x:b=\"1\"/>",
        "<a b=\"<\"/>", "<a b=1/>", "<a b=\"1\"c=\"2\"/>", "<a><!-- a -- b --></a>", "<!DOCTYPE a><a/>",
        "<a>]]></a>", "<1a/>", "<a>\u{01}</a>", "<a><![CDATA[x]]></a><![CDATA[y]]>", "<a", "<a b=\"1", "",
        "  <?xml version=\"1.0\"?><a/>", "<a/><?xml version=\"1.0\"?>", "<a xmlns:p=\"\"/>", "<a:b:c/>",
        "<a b/>", "<a></a >x", "<?a:b x?><a/>", "<a/><?xml?>",
        "<x:.b xmlns:x=\"u\"/>", "<a xmlns:x=\"u\" xmlns:x=\"v\"/>", "<a xmlns=\"u\" xmlns=\"u\"/>",
        "<a xmlns:x=\"urn:a&amp;b&amp;c\"/>",
        "<x:1b xmlns:x=\"u\"/>", "<a x:-b=\"1\" xmlns:x=\"u\"/>",
        "<x:\u{0301}b xmlns:x=\"u\"/>", "<a>&#x110000;</a>", "<a>&amp</a>",
        "<a xmlns:x=\"u\" x:b=\"1\" xmlns:y=\"u\" y:b=\"2\"/>",
        "<a><bb></b></a>", "<a><b></bb></a>", "<a><b></c>></a>", "<a><bc></b>c></a>",
        "<a><b></b", "<a><b></",
    ]

    @Test(arguments: validos) func mismosEventosQueLibxml2(_ xml: String) {
        let bytes = Array(xml.utf8)
        let esperado = conLibxml2(bytes)
        #expect(!esperado.contains("malformado"), "libxml2 rechaza el caso: \(xml)")
        for trozo in [0, 1, 2, 3, 7, 64] {
            #expect(conEscaner(bytes, trozo: trozo) == esperado, "trozos de \(trozo): \(xml)")
        }
    }

    @Test(arguments: malformados) func rechazaLoQueLibxml2Rechaza(_ xml: String) {
        let bytes = Array(xml.utf8)
        let esperado = conLibxml2(bytes)
        for trozo in [0, 1, 5] {
            #expect(conEscaner(bytes, trozo: trozo) == esperado, "trozos de \(trozo): \(xml)")
        }
    }

    @Test func bytesQueNoSonUTF8() {
        for malo: [UInt8] in [
            [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBE], [0xF5, 0x80, 0x80, 0x80], [0xFF],
        ] {
            let bytes = Array("<a>x".utf8) + malo + Array("</a>".utf8)
            #expect(conEscaner(bytes) == ["malformado"], "\(malo)")
            #expect(conEscaner(bytes, trozo: 1) == ["malformado"], "\(malo)")
        }
    }

    /// Fuzzing finding (`make fuzz`, harness xml): a `<!DOCTYPE` before a byte that is not UTF-8 is
    /// reported as the DTD, the first problem in the file, as libxml2 does (the scanner used to check
    /// the whole chunk first).
    @Test func elPrimerProblemaEsElQueSeInforma() {
        let bytes =
            Array(#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>"#.utf8) + [0x9C] + Array("</a>".utf8)
        #expect(conLibxml2(bytes) == ["DTD"])
        for trozo in [0, 1, 7] { #expect(conEscaner(bytes, trozo: trozo) == ["DTD"]) }
        let etiqueta = Array("<a><b></c>".utf8) + [0xFF] + Array("</a>".utf8)
        #expect(conLibxml2(etiqueta) == ["malformado"])
        #expect(conEscaner(etiqueta) == ["malformado"])
    }

    /// Fuzzing finding: a malformed `<!DOCTYPE` (no name) is refused by both; libxml2 calls it bad
    /// syntax, the scanner a DTD (it refuses any `<!DOCTYPE` as such, whatever follows).
    @Test func doctypeMalFormado() {
        let bytes = Array(#"<?xml version="1.0"?><!DOCTYPE "file:///etc/passwd">]><a>&xxe;</a>"#.utf8)
        #expect(conLibxml2(bytes) == ["malformado"])
        #expect(conEscaner(bytes) == ["DTD"])
    }

    /// Fuzzing finding: a text longer than the decoding buffer (4 KiB), with references, grows that
    /// buffer; the text handed over must be the decoded one in the new buffer (it pointed to the old).
    @Test func textoLargoConReferencias() {
        let largo = String(repeating: "uno &amp; dos &#233; ", count: 600)
        let bytes = Array("<a><b>\(largo)</b><c>\(largo)\(largo)</c></a>".utf8)
        let esperado = conLibxml2(bytes)
        #expect(esperado.count == 8)
        for trozo in [0, 7, 4096] { #expect(conEscaner(bytes, trozo: trozo) == esperado, "trozos de \(trozo)") }
    }

    @Test func nulTrasElElementoRaiz() {
        // libxml2 stops reading at a NUL after the root element; the scanner refuses it, as both do
        // anywhere else.
        #expect(conEscaner(Array("<a/>".utf8) + [0]) == ["malformado"])
        #expect(conLibxml2(Array("<a>".utf8) + [0] + Array("</a>".utf8)) == ["malformado"])
    }

    @Test func anidamientoProfundo() {
        let profundo = String(repeating: "<a>", count: 257) + String(repeating: "</a>", count: 257)
        #expect(conEscaner(Array(profundo.utf8)) == ["malformado"])
        let justo = String(repeating: "<a>", count: 256) + String(repeating: "</a>", count: 256)
        #expect(conEscaner(Array(justo.utf8)) == conLibxml2(Array(justo.utf8)))
    }

    /// Each refusal says in Spanish what is wrong, with the line where it is.
    static let mensajes: [(String, Int, String)] = [
        ("<a>\n<b></c></a>", 2, "una etiqueta de cierre no corresponde a la que se abrió"),
        ("<a>\n<b>", 2, "el XML termina antes de tiempo o tiene una etiqueta incompleta"),
        ("<a/>\n<b/>", 2, "hay contenido después del final del documento"),
        ("texto<a/>", 1, "la parte no empieza con un elemento XML"),
        ("<a>&nbsp;</a>", 1, "usa una entidad XML no declarada"),
        ("<a>&#1;</a>", 1, "contiene una referencia a un carácter no permitido"),
        ("<a>x & y</a>", 1, "tiene un «&» que no empieza una referencia válida (escriba «&amp;»)"),
        ("<a b=\"1\" b=\"2\"/>", 1, "un atributo se repite en la misma etiqueta"),
        ("<a b=\"1\"c=\"2\"/>", 1, "falta un espacio entre los atributos de una etiqueta"),
        ("<a b=\"<\"/>", 1, "el valor de un atributo contiene «<»"),
        ("<a b=1/>", 1, "el valor de un atributo no va entre comillas"),
        ("<a b/>", 1, "un atributo no tiene «=»"),
        ("<x:a/>", 1, "usa un prefijo de espacio de nombres no declarado"),
        ("<a>]]></a>", 1, "el texto contiene «]]>»"),
        ("<a><!-- a -- b --></a>", 1, "un comentario contiene «--»"),
        ("<a><!ELEMENT a ANY></a>", 1, "una declaración «<!» no es un comentario ni una sección CDATA"),
        ("<?a:b?><a/>", 1, "el nombre de una instrucción de procesamiento lleva «:»"),
        ("<a/>\n\n<?xml version=\"1.0\"?>", 3, "la declaración XML solo puede ir al principio"),
        ("<a xmlns:p=\"\"/>", 1, "un prefijo de espacio de nombres se declara vacío"),
        ("<a xmlns:p=\"a b\"/>", 1, "un espacio de nombres no es un URI válido"),
        ("<a:b:c/>", 1, "un nombre con espacio de nombres no es válido"),
        ("<a><![CDATA[x]]></a>\n<![CDATA[y]]>", 2, "hay texto fuera del elemento principal"),
        ("<a>\u{01}</a>", 1, "contiene bytes que no son texto válido en su codificación (UTF-8 o UTF-16)"),
    ]

    @Test(arguments: mensajes) func mensajeEnEspanol(_ caso: (String, Int, String)) {
        let (xml, linea, detalle) = caso
        do {
            try XMLScanner(handler: EventRecorder(), file: "a.xlsx", part: "p.xml").parse(
                reading: chunks(Array(xml.utf8), 0))
            Issue.record("debía rechazar \(xml)")
        } catch {
            #expect(error.problem == .malformedXML(part: "p.xml", line: linea, detail: detalle), "\(xml)")
            #expect(error.message.hasPrefix("No se pudo leer «a.xlsx»"))
        }
        // libxml2 refuses it too.
        #expect(conLibxml2(Array(xml.utf8)) == ["malformado"], "\(xml)")
    }

    @Test func lineaDelError() {
        let recorder = EventRecorder()
        do {
            try XMLScanner(handler: recorder, file: "a.xlsx", part: "p.xml").parse(
                reading: chunks(Array("<a>\n<b>\n\n</c></a>".utf8), 3))
            Issue.record("debía fallar")
        } catch {
            #expect(
                error.problem
                    == .malformedXML(
                        part: "p.xml", line: 4, detail: "una etiqueta de cierre no corresponde a la que se abrió"))
        }
    }

    /// libxml2 judges each new declaration once; a bad one is refused every time and never remembered.
    @Test func declaracionesRecordadas() {
        let buena = #"<?xml version="1.0" encoding="UTF-8" standalone="no" ?>"#
        #expect(conEscaner(Array((buena + "<a/>").utf8)) == ["start a", "end a"])
        #expect(XMLScanner.validDeclarations.contains(Array(buena.utf8)))
        let mala = #"<?xml version="x" encoding="UTF-8"?>"#
        for _ in 0..<2 { #expect(conEscaner(Array((mala + "<a/>").utf8)) == ["malformado"]) }
        #expect(!XMLScanner.validDeclarations.contains(Array(mala.utf8)))
    }

    @Test func eligeElAnalizadorPorLosPrimerosBytes() {
        #expect(XMLScanner.accepts(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>".utf8)))
        #expect(XMLScanner.accepts(Array("<?xml version='1.0' encoding='utf-8'?><a/>".utf8)))
        #expect(XMLScanner.accepts(Array("<a/>".utf8)))
        #expect(XMLScanner.accepts([0xEF, 0xBB, 0xBF] + Array("<a/>".utf8)))
        #expect(!XMLScanner.accepts(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>".utf8)))
        #expect(!XMLScanner.accepts([0xFF, 0xFE, 0x3C, 0x00]))
        #expect(!XMLScanner.accepts([0x3C, 0x00, 0x61, 0x00]))
        #expect(!XMLScanner.accepts([]))
    }

    /// Random damage to a small worksheet (bytes changed, removed, repeated; markup characters put in):
    /// the scanner accepts exactly what libxml2 accepts and reports the same events, read whole and
    /// in pieces of 1 to 9 bytes.
    @Test func copiasDanadasIgualQueLibxml2() {
        let bases = [0, 1, 3, 4, 5].map { Array(Self.validos[$0].utf8) }
        var generador = FuzzTests.SplitMix(state: 2017)
        let especiales: [UInt8] = Array("<>&;\"'=/!?-[]:# \r\nx".utf8) + [0xC3, 0xA9, 0x00, 0x01]
        var distintos: [String] = []
        var aceptados = 0
        for vuelta in 0..<8000 {
            var bytes = bases[vuelta % bases.count]
            for _ in 0..<(1 + Int(generador.next() % 3)) {
                let k = Int(generador.next() % UInt64(bytes.count))
                switch generador.next() % 4 {
                case 0: bytes[k] = especiales[Int(generador.next() % UInt64(especiales.count))]
                case 1: bytes.remove(at: k)
                case 2: bytes.insert(especiales[Int(generador.next() % UInt64(especiales.count))], at: k)
                default: bytes.insert(contentsOf: bytes[k..<min(bytes.count, k + 6)], at: k)
                }
            }
            let esperado = conLibxml2(bytes)
            if esperado != ["malformado"] && esperado != ["DTD"] { aceptados += 1 }
            let trozo = vuelta % 10
            // libxml2's one leniency: after the root element it stops reading at a NUL byte (and so
            // accepts one there); the scanner refuses a NUL anywhere, as libxml2 does elsewhere.
            let nulTrasRaiz = bytes.contains(0) && esperado != ["malformado"]
            if nulTrasRaiz { continue }
            if conEscaner(bytes, trozo: trozo) != esperado {
                distintos.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(distintos.isEmpty, "\(distintos.count) diferencias; la primera: \(distintos.first ?? "")")
        // Both kinds are exercised.
        #expect(aceptados > 500 && aceptados < 7500, "aceptados: \(aceptados)")
    }
}
