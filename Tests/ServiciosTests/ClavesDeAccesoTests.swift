import Almacen
import Foundation
import Servicios
import Testing

/// `ClavesDeAcceso`: the portal's keys as the Grupo Técnico manages them.
@Suite("Claves de acceso")
struct ClavesDeAccesoTests {
    @Test func crearRevocarYListar() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("claves.sqlite").path, crear: true)
        let (idInstancia, claveInstancia) = try ClavesDeAcceso.crear(instancia: "EST09", metodologia: m, en: almacen)
        let (idGrupo, claveGrupo) = try ClavesDeAcceso.crear(instancia: nil, metodologia: m, en: almacen)
        #expect(idInstancia != idGrupo && claveInstancia != claveGrupo && claveInstancia.count >= 32)
        var lista = try ClavesDeAcceso.lista(en: almacen)
        #expect(lista.map(\.id) == [idInstancia, idGrupo])
        #expect(lista.map(\.instancia) == ["EST09", nil] && lista.map(\.grupoTecnico) == [false, true])
        #expect(lista.allSatisfy { $0.revocadaEn == nil })
        // Only the hash is stored: the key itself is nowhere in what is listed.
        #expect(!"\(lista)".contains(claveInstancia))
        #expect(try ClavesDeAcceso.revocar(idInstancia, en: almacen))
        #expect(try !ClavesDeAcceso.revocar(idInstancia, en: almacen))
        #expect(try !ClavesDeAcceso.revocar(999, en: almacen))
        lista = try ClavesDeAcceso.lista(en: almacen)
        #expect(lista.first { $0.id == idInstancia }?.revocadaEn != nil)
        #expect(lista.first { $0.id == idGrupo }?.revocadaEn == nil)
    }

    /// An instancia the catalog does not have gets no key, and says so in Spanish (a usage error).
    @Test func instanciaDesconocida() throws {
        let m = try instrumentos.metodologia(anio: 2017)
        let dir = carpetaTemporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let almacen = try Almacenes.abrir(dir.appendingPathComponent("claves.sqlite").path, crear: true)
        let error = #expect(throws: ErrorServicio.self) {
            try ClavesDeAcceso.crear(instancia: "XYZ", metodologia: m, en: almacen)
        }
        #expect(error?.mensaje == "La instancia «XYZ» no está en el catálogo de instancias.")
        #expect(error?.esDeUso == true)
        #expect(try ClavesDeAcceso.lista(en: almacen).isEmpty)
    }
}
