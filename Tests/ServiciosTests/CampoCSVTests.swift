import Testing

@testable import Servicios

@Suite("Un campo de CSV")
struct CampoCSVTests {
    @Test func comillasSoloCuandoHacenFalta() {
        #expect(campoCSV("Jalisco") == "Jalisco")
        #expect(campoCSV("") == "")
        #expect(campoCSV("Querétaro de Arteaga") == "Querétaro de Arteaga")
        #expect(campoCSV("total, nacional") == "\"total, nacional\"")
        #expect(campoCSV("dice \"sí\"") == "\"dice \"\"sí\"\"\"")
        #expect(campoCSV("dos\nlíneas") == "\"dos\nlíneas\"")
        #expect(campoCSV("fin\r") == "\"fin\r\"")
    }
}
