import Foundation
import Spreadsheet
import Testing

/// A value of the corpus' expected JSON.
enum ExpectedValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    /// Whether our cell value reads the same as the consensus value.
    func matches(_ value: CellValue?) -> Bool {
        switch (self, value) {
        case (.null, nil): return true
        case (.bool(let a), .bool(let b)?): return a == b
        case (.number(let a), .number(let b)?): return a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        case (.string(let s), let v?):
            if case .number = v { return false }
            if case .bool = v { return false }
            return s == v.normalizedText
        default: return false
        }
    }
}

struct ExpectedSheet: Decodable {
    var name: String
    var rows: [[ExpectedValue]]?
    var error: String?
}

struct ExpectedFile: Decodable {
    var file: String
    var readers_agree: String
    var expected: [ExpectedSheet]?
}

/// The corpus files, as (xlsx path, expectation) pairs.
let corpusCases: [String] = {
    let folder = Paths.corpus.appendingPathComponent("xlsx-reales-esperado")
    guard let owners = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
    return owners.sorted().flatMap { owner in
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(owner).path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted().map { "\(owner)/\($0.dropLast(5))" }
    }
}()

/// True when `../shared/corpus` (or `$INFORME_CORPUS`) is beside the repository, as in CI.
let corpusPresente = FileManager.default.fileExists(atPath: Paths.corpus.path)

/// The real files stay outside this repository: without them the suite is skipped, saying so; every
/// reader behaviour they exercise also has a fixture of the project's own (Tests/Fixtures, generated ones).
@Suite(
    "Corpus of real spreadsheets (../shared/corpus)",
    .enabled(if: corpusPresente, "se omite: ../shared/corpus no está junto al repositorio"))
struct CorpusTests {
    @Test("The corpus is present and complete")
    func corpusPresent() {
        #expect(corpusCases.count >= 80, "../shared/corpus está incompleto: \(Paths.corpus.path)")
    }

    @Test("Each file reads to the consensus values or is refused with a clear error", arguments: corpusCases)
    func file(_ name: String) throws {
        let json = Paths.corpus.appendingPathComponent("xlsx-reales-esperado/\(name).json")
        let expectation = try JSONDecoder().decode(ExpectedFile.self, from: Data(contentsOf: json))
        let path = Paths.corpus.appendingPathComponent("xlsx-reales/\(name)").path
        if expectation.readers_agree == "both-reject" {
            let error = spreadsheetError { _ = try readAll(path, limit: 50) }
            #expect(error != nil, "debería rechazarse: \(name)")
            #expect(error?.message.hasPrefix("No se pudo leer «") == true)
            return
        }
        guard let sheets = expectation.expected else {
            // No consensus: reading must still end in values or a clear error, never a crash.
            do { _ = try readAll(path, limit: 50) } catch let error as SpreadsheetError {
                #expect(!error.message.isEmpty)
            }
            return
        }
        if sheets.contains(where: { $0.error != nil }) {
            let error = spreadsheetError { _ = try readAll(path, limit: 50) }
            #expect(error != nil, "una hoja sin contenido debe dar error: \(name)")
            return
        }
        let actual = try readAll(path, limit: 50)
        #expect(actual.map(\.name) == sheets.map(\.name))
        for (mine, theirs) in zip(actual, sheets) {
            let expectedRows = theirs.rows ?? []
            #expect(mine.rows.count == expectedRows.count, "filas de \(mine.name)")
            for (r, (a, e)) in zip(mine.rows, expectedRows).enumerated() {
                let same = a.count == e.count && zip(e, a).allSatisfy { $0.matches($1) }
                #expect(same, "\(name) «\(mine.name)» fila \(r + 1): \(a.map { $0?.normalizedText ?? "null" }) ≠ \(e)")
            }
        }
    }
}
