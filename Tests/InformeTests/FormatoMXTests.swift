import Informe
import Testing

@Suite("Formato de números es-MX")
struct FormatoMXTests {
    @Test func formatoMexicano() {
        #expect(formatoMX(12345) == "12,345")
        #expect(formatoMX(1_234_567.891, decimales: 1) == "1,234,567.9")
        #expect(formatoMX(3.5, decimales: 1) == "3.5")
        #expect(formatoMX(-42) == "-42")
        #expect(formatoMX(999.96, decimales: 1) == "1,000.0")
    }

    @Test func numerosFueraDeEscalaNoDetienenElPrograma() {
        #expect(formatoMX(1e300) == "1e+300")
        #expect(formatoMX(.infinity) == "—")
        #expect(formatoMX(.nan) == "—")
    }
}
