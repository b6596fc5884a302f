// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Where Cairo's, Pango's and their dependencies' headers are (`pkg-config --cflags`, else Debian's
/// paths). Only the headers: the program opens those libraries when it first draws (Sources/CCairo).
let drawingHeaders: [String] = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", "--cflags-only-I", "pangocairo", "pangoft2"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    if (try? process.run()) != nil {
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let flags = text.split(whereSeparator: \.isWhitespace).map(String.init).filter { $0.hasPrefix("-I") }
        if process.terminationStatus == 0 && !flags.isEmpty { return flags }
    }
    #if arch(arm64)
        let triple = "aarch64-linux-gnu"
    #else
        let triple = "x86_64-linux-gnu"
    #endif
    return [
        "pango-1.0", "glib-2.0", "harfbuzz", "freetype2", "libpng16", "fribidi", "cairo", "pixman-1",
    ].map { "-I/usr/include/\($0)" } + ["-I/usr/lib/\(triple)/glib-2.0/include"]
}()

/// Settings shared by every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "InformeAnual",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "informe", targets: ["InformeCLI"]),
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
        .library(name: "Metodologia", targets: ["Metodologia"]),
        .library(name: "XLSXWriter", targets: ["XLSXWriter"]),
        .library(name: "Charts", targets: ["Charts", "Drawing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // The web portal: HTTP server and router (Hummingbird 2) and its page templates (Mustache).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Already required by Hummingbird; named so the portal can quiet its English startup logs.
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // The shared store of a portal deployed for the whole country: PostgreSQL's wire protocol in Swift.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already required by postgres-nio and Hummingbird; named for the store's own event loop.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        // Already required by postgres-nio; named for the SHA-256 of every file received (BoringSSL's,
        // with the processor's SHA instructions, instead of a hand-written one).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.9.0"..<"6.0.0"),
    ],
    targets: [
        // C libraries, reached through pkg-config.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CSQLite3", path: "Sources/CSQLite3", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // Cairo, Pango, fontconfig and HarfBuzz, opened on the first call (see Cargar.c): not linked.
        .target(name: "CCairo", path: "Sources/CCairo", cSettings: [.unsafeFlags(drawingHeaders)]),
        .systemLibrary(
            name: "CHyphen", path: "Sources/CHyphen", providers: [.apt(["libhyphen-dev", "hyphen-es"])]),
        .systemLibrary(
            name: "CZlibSystem", path: "Sources/CZlibSystem", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // Generic: reads XLSX and CSV into streamed rows of typed cells.
        .target(
            name: "Spreadsheet", dependencies: ["CLibXML2", "CZlibSystem"],
            // Release builds skip the runtime exclusivity checks in the reader's hot path (12 % of
            // the time per SAX event); debug builds and the tests keep them.
            swiftSettings: swiftSettings + [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
            ]),

        // Generic: writes .xlsx workbooks (templates, annotated copies, sample data).
        .target(
            name: "XLSXWriter", dependencies: ["CZlibSystem"],
            swiftSettings: swiftSettings),

        // Generic: geometry and display lists (frames); text measuring at the seam.
        .target(name: "Drawing", swiftSettings: swiftSettings),
        // Generic: a chart is a value laid out into a frame.
        .target(name: "Charts", dependencies: ["Drawing"], swiftSettings: swiftSettings),

        // Generic: blocks (headings, paragraphs, tables, figures) into pages of frames.
        .target(name: "PageLayout", dependencies: ["Drawing", "CHyphen"], swiftSettings: swiftSettings),

        // The only module that draws with Cairo and Pango: frames to PNG, SVG and PDF.
        .target(
            name: "CairoOutput", dependencies: ["CCairo", "CZlibSystem", "Drawing"],
            swiftSettings: swiftSettings + [.unsafeFlags(drawingHeaders.flatMap { ["-Xcc", $0] })]),

        // Domain: the methodology of each year, read from Instrumento/<año>/ (YAML + CSV catalogs).
        .target(
            name: "Metodologia", dependencies: ["Spreadsheet", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),

        // Domain: validation of envíos against the methodology, findings and their messages.
        .target(
            name: "Validacion", dependencies: ["Metodologia", "Spreadsheet"],
            swiftSettings: swiftSettings),

        // Domain: the store of envíos, versions, findings and typed rows: the protocol, its SQL, and SQLite.
        .target(
            name: "Almacen",
            dependencies: [
                "CSQLite3", "Metodologia", "Validacion", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),

        // Domain: the store on PostgreSQL (postgres-nio), for a portal shared by several server processes.
        .target(
            name: "AlmacenPostgres",
            dependencies: [
                "Almacen", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // Domain: indicators from the methodology's formulas, series, semáforo, disclosure control.
        .target(
            name: "Indicadores", dependencies: ["Metodologia"],
            swiftSettings: swiftSettings),

        // Domain: the blank instrument generated from the methodology, and annotated copies of envíos.
        .target(
            name: "Plantilla",
            dependencies: ["Metodologia", "Validacion", "Spreadsheet", "XLSXWriter"],
            swiftSettings: swiftSettings),

        // Domain: the report's charts (chart specs from indicators and crossed tables).
        .target(
            name: "Graficas", dependencies: ["Charts", "Indicadores", "Metodologia"],
            swiftSettings: swiftSettings),

        // Domain: the Informe Anual document from Plantillas/, indicators and charts.
        .target(
            name: "Informe",
            dependencies: ["PageLayout", "Charts", "Drawing", "Graficas", "Indicadores", "Metodologia"],
            swiftSettings: swiftSettings),

        // Domain: deterministic synthetic envíos for tests, benchmarks and the sample report.
        .target(
            name: "DatosEjemplo", dependencies: ["Metodologia", "XLSXWriter"],
            swiftSettings: swiftSettings),

        // The use-cases (review, load, delivery board, indicators, open data, the whole build) as values in
        // and values out: no printing, no exit codes, typed errors. The CLI and the web server stand on it.
        .target(
            name: "Servicios",
            dependencies: [
                "Spreadsheet", "Metodologia", "Validacion", "Almacen", "AlmacenPostgres", "Indicadores", "Plantilla",
                "Charts",
                "CairoOutput", "Drawing", "Graficas", "Informe", "PageLayout", "DatosEjemplo",
            ],
            swiftSettings: swiftSettings),

        // The web portal (`informe servir`): routes over Servicios, pages from Plantillas/portal, API v1.
        .target(
            name: "Portal",
            dependencies: [
                "Servicios", "Almacen", "Metodologia", "Validacion", "Plantilla",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // The `informe` command.
        .executableTarget(
            name: "InformeCLI",
            dependencies: [
                "Spreadsheet", "Metodologia", "Validacion", "DatosEjemplo", "Almacen", "Indicadores", "Plantilla",
                "XLSXWriter", "Charts", "CairoOutput", "Graficas", "Informe", "PageLayout", "Servicios", "Portal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // The release binary exports none of its ~44,000 symbols (nothing loads it as a library):
            // the loader then has no table to search and no pages of it to touch, and every `informe`
            // process starts about 0.8 ms sooner.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "--no-export-dynamic", "-Xlinker", "--exclude-libs=ALL"],
                    .when(platforms: [.linux], configuration: .release))
            ]),

        // Helpers shared by the test targets (running the `informe` executable).
        .target(name: "ApoyoPruebas", path: "Tests/ApoyoPruebas", swiftSettings: swiftSettings),
        .testTarget(
            name: "AlmacenTests",
            dependencies: ["Almacen", "AlmacenPostgres", "Metodologia", "Validacion", "DatosEjemplo", "ApoyoPruebas"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "IndicadoresTests", dependencies: ["Indicadores", "Metodologia", "Validacion", "DatosEjemplo"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServiciosTests",
            dependencies: [
                "Servicios", "Almacen", "AlmacenPostgres", "DatosEjemplo", "Metodologia", "Spreadsheet", "Validacion",
                "ApoyoPruebas",
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PortalTests",
            dependencies: [
                "Portal", "Servicios", "Almacen", "DatosEjemplo", "Metodologia", "Spreadsheet", "Validacion",
                "XLSXWriter",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "InformeTests", dependencies: ["Informe", "Indicadores", "Metodologia"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PlantillaTests",
            dependencies: ["Plantilla", "Metodologia", "Validacion", "Spreadsheet", "XLSXWriter"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ChartsTests",
            dependencies: ["Charts", "Drawing", "CairoOutput", "CCairo", "CZlibSystem", "ApoyoPruebas"],
            exclude: ["Golden"], swiftSettings: swiftSettings + [.unsafeFlags(drawingHeaders.flatMap { ["-Xcc", $0] })]),
        .testTarget(
            name: "GraficasTests",
            dependencies: ["Graficas", "Charts", "Indicadores", "Metodologia", "Validacion", "DatosEjemplo"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PageLayoutTests", dependencies: ["PageLayout", "Drawing"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "InformeCLITests", dependencies: ["ApoyoPruebas"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SpreadsheetTests", dependencies: ["Spreadsheet", "CZlibSystem", "ApoyoPruebas"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MetodologiaTests", dependencies: ["Metodologia"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ValidacionTests",
            dependencies: ["Validacion", "Metodologia", "Spreadsheet", "XLSXWriter", "DatosEjemplo"],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
