import ApoyoPruebas
import DatosEjemplo
import Foundation
import Metodologia
import Testing
import Validacion

@testable import Almacen
@testable import AlmacenPostgres

let raiz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func metodologia(_ anio: Int) throws -> Metodologia {
    try Metodologia.cargar(carpeta: raiz.appendingPathComponent("Instrumento/\(anio)"))
}

func temporal() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("almacen-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Sample envíos for a year, written once per process.
final class Muestras: @unchecked Sendable {
    static let compartidas = Muestras()
    let carpeta = temporal()
    private var hechas = Set<Int>()
    private let lock = NSLock()

    func de(_ anio: Int) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        let dir = carpeta.appendingPathComponent(String(anio))
        if !hechas.contains(anio) {
            try GeneradorEjemplo(metodologia: metodologia(anio), semilla: 5).escribir(en: dir)
            hechas.insert(anio)
        }
        return dir
    }
}

/// The sample envío of an instancia, whether it was written as .xlsx or as a CSV folder.
func envioDe(_ instancia: String, _ anio: Int, en carpeta: URL) -> URL {
    let xlsx = carpeta.appendingPathComponent("\(instancia)_\(anio).xlsx")
    return FileManager.default.fileExists(atPath: xlsx.path)
        ? xlsx : carpeta.appendingPathComponent("\(instancia)_\(anio)")
}

/// The two engines every store test runs on.
enum Motor: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    /// A new, empty store on this engine: its `--base` and the store itself.
    func nuevo(en dir: URL, reloj: @escaping @Sendable () -> Date = { Date() }) throws -> (String, AlmacenSQL) {
        switch self {
        case .sqlite:
            let ruta = dir.appendingPathComponent("a.sqlite").path
            return (ruta, try AlmacenSQL(ruta: ruta, reloj: reloj))
        case .postgres:
            let url = try ServidorPostgres.compartido().nuevaBase()
            return (url, try AlmacenSQL(motor: MotorPostgres(url: url), reloj: reloj))
        }
    }

    /// Opens an existing store again (another connection, as another process would).
    func abrir(_ base: String) throws -> AlmacenSQL {
        self == .sqlite ? try AlmacenSQL(ruta: base) : try AlmacenSQL(motor: MotorPostgres(url: base))
    }
}

/// One suite, run against SQLite and against a real PostgreSQL server: the same semantics on both.
@Suite("Almacén")
struct AlmacenTests {
    @Test func sha256() {
        var h = SHA256()
        h.actualizar(Array("abc".utf8))
        #expect(h.resumenHex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Reading the digest does not end the hash: it can go on.
        #expect(h.resumenHex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        h.actualizar(Array("d".utf8))
        #expect(h.resumenHex == "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589")
        #expect(SHA256().resumenHex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var largo = SHA256()
        largo.actualizar(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(largo.resumenHex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var partes = SHA256()
        for _ in 0..<1000 { partes.actualizar(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(partes.resumenHex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: Motor.allCases) func versionesRechazosEIdempotencia(_ motor: Motor) throws {
        let m = try metodologia(2017)
        let muestras = try Muestras.compartidas.de(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reloj: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_516_000_000) }
        let (base, almacen) = try motor.nuevo(en: dir, reloj: reloj)
        if motor == .sqlite {
            let permisos = try FileManager.default.attributesOfItem(atPath: base)[.posixPermissions]
            #expect(permisos as? Int == 0o600)
        }
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        let sep = envioDe("SEP", 2017, en: muestras)
        let conErrores = muestras.appendingPathComponent("con-errores/SEP_2017_capacitacion-con-errores.xlsx")
        let r1 = v.validar(Envio(ruta: sep))
        #expect(try almacen.cargar(r1, archivo: sep, metodologia: m) == .aceptado(version: 1, advertencias: 0))
        // The same bytes again: nothing changes.
        guard case .yaCargado(let previo) = try almacen.cargar(r1, archivo: sep, metodologia: m) else {
            Issue.record("debería reconocer el archivo ya cargado")
            return
        }
        #expect(previo.version == 1)
        #expect(try almacen.envios(anio: 2017).count == 1)
        // A rejected file: only its record and findings.
        let r2 = v.validar(Envio(ruta: conErrores))
        #expect(try almacen.cargar(r2, archivo: conErrores, metodologia: m) == .rechazado(version: 2, errores: 2))
        let registros = try almacen.envios(anio: 2017)
        #expect(registros.map(\.estado) == [.aceptado, .rechazado])
        #expect(registros[1].filas == 0)
        #expect(try almacen.filasGuardadas(envio: registros[1].id, metodologia: m) == 0)
        #expect(
            try almacen.hallazgos(envio: registros[1].id).map(\.codigo) == ["suma-inconsistente", "regla-incumplida"])
        #expect(registros[0].cargadoEn == "2018-01-15T07:06:40Z")
        // The vigente version is still the accepted one, with its rows.
        let vigente = try #require(try almacen.vigentes(anio: 2017).first)
        #expect(vigente.id == registros[0].id)
        let filas = try almacen.filas(envio: vigente.id, hoja: try #require(m.hoja("Capacitacion")))
        #expect(filas.count == r1.datos["Capacitacion"]?.count)
        #expect(
            filas.first?.filter { $0.value != .nulo }
                == r1.datos["Capacitacion"]?.first?.valores.filter { $0.value != .nulo })
        #expect(try almacen.integro())
    }

    /// After `asentar`, what was loaded is in the database file itself (SQLite's log copied into it):
    /// a copy of that file alone, as a backup taken then would be, has the envío and its rows. On
    /// PostgreSQL there is nothing to settle, and the store goes on as before.
    @Test(arguments: Motor.allCases) func asentarDejaLoCargadoEnLaBaseMisma(_ motor: Motor) throws {
        let m = try metodologia(2017)
        let muestras = try Muestras.compartidas.de(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (base, almacen) = try motor.nuevo(en: dir)
        var v = Validador(metodologia: m)
        v.conservarDatos = true
        let sep = envioDe("SEP", 2017, en: muestras)
        let r = v.validar(Envio(ruta: sep))
        #expect(try almacen.cargar(r, archivo: sep, metodologia: m) == .aceptado(version: 1, advertencias: 0))
        try almacen.asentar()
        try almacen.asentar()  // nothing new: nothing to do
        #expect(try almacen.vigentes(anio: 2017).count == 1)
        guard motor == .sqlite else { return }
        let copia = dir.appendingPathComponent("copia.sqlite").path
        try FileManager.default.copyItem(atPath: base, toPath: copia)
        #expect(!FileManager.default.fileExists(atPath: copia + "-wal"))
        let deLaCopia = try AlmacenSQL(ruta: copia)
        let vigente = try #require(try deLaCopia.vigentes(anio: 2017).first)
        #expect(vigente.instancia == "SEP")
        let hoja = try #require(m.hoja("Capacitacion"))
        #expect(try deLaCopia.filas(envio: vigente.id, hoja: hoja).count == r.datos["Capacitacion"]?.count)
    }

    @Test(arguments: Motor.allCases) func anioAnteriorParaVariacion(_ motor: Motor) throws {
        let m16 = try metodologia(2016)
        let m17 = try metodologia(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, almacen) = try motor.nuevo(en: dir)
        var v16 = Validador(metodologia: m16)
        v16.conservarDatos = true
        let sct16 = envioDe("SCT", 2016, en: try Muestras.compartidas.de(2016))
        let r16 = v16.validar(Envio(ruta: sct16))
        _ = try almacen.cargar(r16, archivo: sct16, metodologia: m16)
        let proveedor = AnioAnteriorEnAlmacen(almacen: almacen, metodologiaAnterior: m16)
        let esperado = (r16.datos["Capacitacion"] ?? []).reduce(0.0) {
            $0 + ($1.valores["total_personas"]?.numero ?? 0)
        }
        #expect(proveedor.total(instancia: "SCT", hoja: "Capacitacion", medida: "suma(total_personas)") == esperado)
        #expect(
            proveedor.total(instancia: "SCT", hoja: "Capacitacion", medida: "filas")
                == Double(r16.datos["Capacitacion"]?.count ?? -1))
        #expect(proveedor.total(instancia: "SEGOB", hoja: "Capacitacion", medida: "filas") == nil)
        // The methodology asked for only when a total is needed (a validation starts while it loads):
        // the same totals; none when the year has no methodology.
        let pedidas = ApoyoPruebas.Contador()
        let diferido = AnioAnteriorEnAlmacen(almacen: almacen) {
            pedidas.sumar()
            return m16
        }
        #expect(pedidas.valor == 0)
        #expect(diferido.total(instancia: "SCT", hoja: "Capacitacion", medida: "suma(total_personas)") == esperado)
        #expect(pedidas.valor == 1)
        let sinMetodologia = AnioAnteriorEnAlmacen(almacen: almacen) { nil }
        #expect(sinMetodologia.total(instancia: "SCT", hoja: "Capacitacion", medida: "filas") == nil)
        _ = m17
    }

    @Test(arguments: Motor.allCases) func sigkillAMitadDeLaCargaNoDejaEnviosParciales(_ motor: Motor) throws {
        let m = try metodologia(2017)
        let muestras = try Muestras.compartidas.de(2017)
        let dir = temporal()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try motor.nuevo(en: dir).0
        let envios = try FileManager.default.contentsOfDirectory(atPath: muestras.path).filter {
            $0.hasSuffix("_2017") || $0.hasSuffix("_2017.xlsx")
        }
        .sorted().map { muestras.appendingPathComponent($0).path }
        let pid = try lanzarInforme(["cargar", "--base", base] + envios)
        // Let it load part of the files, then kill it without warning.
        var estado: Int32 = 0
        usleep(250_000)
        kill(pid, SIGKILL)
        waitpid(pid, &estado, 0)
        let almacen = try motor.abrir(base)
        #expect(try almacen.integro())
        let registros = try almacen.envios(anio: 2017)
        #expect(registros.count < envios.count, "la carga debió interrumpirse antes de terminar")
        for r in registros {
            #expect(try almacen.filasGuardadas(envio: r.id, metodologia: m) == r.filas, "envío parcial: \(r.archivo)")
        }
    }
}
