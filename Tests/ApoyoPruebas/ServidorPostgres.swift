import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real PostgreSQL server for the tests: Debian's binaries, a data folder under /tmp, a free loopback
/// port, trust authentication for the user `informe`. Started once per test process (the first test that
/// asks) and stopped when the process exits. Each test gets a database of its own.
///
/// ```swift
/// let url = try ServidorPostgres.compartido().nuevaBase()  // postgres://informe@127.0.0.1:PUERTO/prueba_3
/// ```
public final class ServidorPostgres: @unchecked Sendable {
    public let puerto: Int
    let carpeta: URL
    let binarios: URL
    private var bases = 0
    private let cerrojo = NSLock()

    nonisolated(unsafe) private static var unico: Result<ServidorPostgres, ErrorPrueba>?
    private static let cerrojoUnico = NSLock()

    /// The server of this test process, started on first use.
    public static func compartido() throws -> ServidorPostgres {
        cerrojoUnico.lock()
        defer { cerrojoUnico.unlock() }
        if let unico { return try unico.get() }
        let r: Result<ServidorPostgres, ErrorPrueba>
        do {
            r = .success(try ServidorPostgres())
        } catch let e as ErrorPrueba {
            r = .failure(e)
        } catch {
            r = .failure(ErrorPrueba("\(error)"))
        }
        unico = r
        return try r.get()
    }

    /// Debian installs the server's programs outside PATH, under /usr/lib/postgresql/<versión>/bin.
    static func carpetaBinarios() throws -> URL {
        let raiz = "/usr/lib/postgresql"
        let versiones = ((try? FileManager.default.contentsOfDirectory(atPath: raiz)) ?? []).compactMap(Int.init)
            .sorted()
        for v in versiones.reversed() {
            let bin = URL(fileURLWithPath: "\(raiz)/\(v)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        throw ErrorPrueba(
            "No se encontró PostgreSQL (initdb en /usr/lib/postgresql/*/bin); «make test» lo instala (paquete postgresql)."
        )
    }

    private init() throws {
        binarios = try Self.carpetaBinarios()
        puerto = Self.puertoLibre()
        carpeta = URL(fileURLWithPath: "/tmp/informe-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: carpeta, withIntermediateDirectories: true)
        // PostgreSQL refuses to run as root: then the folder belongs to Debian's `postgres` user, who runs it.
        if getuid() == 0 { try correr("/bin/chown", ["postgres:postgres", carpeta.path], comoServidor: false) }
        let datos = carpeta.appendingPathComponent("datos").path
        try correr(
            binarios.appendingPathComponent("initdb").path,
            ["-D", datos, "-U", "informe", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        // The server lives as long as this process: a shell starts it, then waits for its standard input (a
        // pipe only this process holds) to close, which happens however the process ends, and stops it.
        let pgctl = binarios.appendingPathComponent("pg_ctl").path
        let opciones =
            "-p \(puerto) -k \(carpeta.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        let guion = """
            cd /tmp; if '\(pgctl)' -D '\(datos)' -l '\(carpeta.path)/servidor.log' -w -t 60 -o '\(opciones)' start >/dev/null 2>&1; \
            then touch '\(carpeta.path)/listo'; else touch '\(carpeta.path)/fallo'; fi; \
            cat >/dev/null; '\(pgctl)' -D '\(datos)' -m immediate -w stop >/dev/null 2>&1; rm -rf '\(carpeta.path)'
            """
        var extremos: [Int32] = [0, 0]
        guard pipe(&extremos) == 0 else { throw ErrorPrueba("No se pudo crear la tubería del servidor.") }
        // Neither end goes to the other programs the tests start (they would keep the server alive).
        _ = fcntl(extremos[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(extremos[1], F_SETFD, FD_CLOEXEC)
        vigia = extremos[1]
        let pid = try lanzar("/bin/sh", ["-c", guion], comoServidor: true, entrada: extremos[0])
        close(extremos[0])
        _ = pid
        let limite = Date().addingTimeInterval(90)
        while !FileManager.default.fileExists(atPath: carpeta.appendingPathComponent("listo").path) {
            if FileManager.default.fileExists(atPath: carpeta.appendingPathComponent("fallo").path) || Date() > limite {
                let registro =
                    (try? String(contentsOf: carpeta.appendingPathComponent("servidor.log"), encoding: .utf8)) ?? ""
                throw ErrorPrueba("PostgreSQL no arrancó en el puerto \(puerto):\n\(registro.suffix(2000))")
            }
            usleep(50_000)
        }
    }

    /// The write end of the pipe that keeps the server alive (closed with this process).
    private var vigia: Int32 = -1

    /// The URL of a new, empty database on this server.
    public func nuevaBase(_ prefijo: String = "prueba") throws -> String {
        cerrojo.lock()
        bases += 1
        let nombre = "\(prefijo)_\(bases)"
        cerrojo.unlock()
        try correr(
            binarios.appendingPathComponent("createdb").path,
            ["-h", "127.0.0.1", "-p", String(puerto), "-U", "informe", nombre], comoServidor: false)
        return url(nombre)
    }

    public func url(_ base: String) -> String { "postgres://informe@127.0.0.1:\(puerto)/\(base)" }

    /// Runs SQL with psql on a database of this server; returns what it prints (unaligned, no headers).
    public func psql(_ base: String, _ sql: String) throws -> String {
        try correr(
            binarios.appendingPathComponent("psql").path,
            [
                "-h", "127.0.0.1", "-p", String(puerto), "-U", "informe", "-d", base, "-At", "-v", "ON_ERROR_STOP=1",
                "-c", sql,
            ],
            comoServidor: false)
    }

    /// Runs a program to its end; throws with its output when it fails.
    @discardableResult
    private func correr(_ programa: String, _ argumentos: [String], comoServidor: Bool = true) throws -> String {
        let salida = carpeta.deletingLastPathComponent().appendingPathComponent("pg-salida-\(UUID().uuidString)").path
        defer { unlink(salida) }
        let pid = try lanzar(programa, argumentos, comoServidor: comoServidor, salida: salida)
        var estado: Int32 = 0
        while waitpid(pid, &estado, 0) < 0 && errno == EINTR {}
        let texto = (try? String(contentsOfFile: salida, encoding: .utf8)) ?? ""
        guard estado == 0 else {
            throw ErrorPrueba("\(URL(fileURLWithPath: programa).lastPathComponent) falló (\(estado)): \(texto)")
        }
        return texto
    }

    /// Starts a program (as Debian's `postgres` user when this process is root and it is the server's).
    private func lanzar(
        _ programa: String, _ argumentos: [String], comoServidor: Bool, entrada: Int32? = nil, salida: String? = nil
    ) throws -> pid_t {
        let comoPostgres = comoServidor && getuid() == 0
        let todos = (comoPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", programa] : [programa]) + argumentos
        var acciones = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&acciones)
        defer { posix_spawn_file_actions_destroy(&acciones) }
        if let entrada {
            posix_spawn_file_actions_adddup2(&acciones, entrada, 0)
        } else {
            posix_spawn_file_actions_addopen(&acciones, 0, "/dev/null", O_RDONLY, 0)
        }
        let destino = salida ?? "/dev/null"
        posix_spawn_file_actions_addopen(&acciones, 1, destino, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&acciones, 1, 2)
        let argv = todos.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, todos[0], &acciones, nil, argv, environ) == 0 else {
            throw ErrorPrueba("No se pudo ejecutar \(todos[0])")
        }
        return pid
    }

    public static func puertoLibre() -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var direccion = sockaddr_in()
        direccion.sin_family = sa_family_t(AF_INET)
        direccion.sin_addr.s_addr = inet_addr("127.0.0.1")
        direccion.sin_port = 0
        var largo = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &direccion) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, largo) }
        }
        _ = withUnsafeMutablePointer(to: &direccion) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &largo) }
        }
        return Int(UInt16(bigEndian: direccion.sin_port))
    }
}

/// A failure of the tests' own setup, with its message.
public struct ErrorPrueba: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
