import Foundation
import Indicadores
import Metodologia
import Testing

@testable import Informe

/// Placeholders of the report's templates.
@Suite("Marcadores de las plantillas del informe")
struct MarcadoresTests {
    @Test func categoriasConPuntosEnSuClave() throws {
        let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let m = try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/2017"))
        let indicador = try #require(m.indicadores.first { $0.clave == "P1" })
        let r = ResultadoIndicador(
            indicador: indicador, anio: 2017, valor: 100,
            desgloses: [
                .init(
                    por: "linea_accion",
                    categorias: [.init(clave: "1.1.1", valor: 25), .init(clave: "1.1.2", valor: 75)])
            ],
            serie: [], semaforo: nil)
        let informe = InformeAnual(
            metodologia: m, resultados: [r],
            datos: DatosAnio(anio: 2017, envios: [], instanciasCatalogo: 53, aceptadasEnVersion1: 0), graficas: [],
            fuentes: [], plantillas: [])
        #expect(informe.valor("P1.linea_accion.1.1.1") == "25")
        #expect(informe.valor("P1.linea_accion.1.1.2") == "75")
        #expect(informe.valor("P1.porcentaje.linea_accion.1.1.2") == "75.0 %")
        #expect(informe.valor("P1.meta_anio") == "2018")
    }
}
