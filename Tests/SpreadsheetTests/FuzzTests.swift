import Foundation
import Spreadsheet
import Testing

/// Truncations and byte flips of valid files: every outcome is values or a SpreadsheetError.
@Suite("Fuzz: damaged copies of valid files")
struct FuzzTests {
    /// A small deterministic PRNG (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Reads the file; true for values, false for a SpreadsheetError. Anything else fails the test.
    func outcome(_ bytes: [UInt8], name: String, in dir: URL) -> Bool {
        let path = dir.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: path.path, contents: Data(bytes))
        do {
            _ = try readAll(path.path)
            return true
        } catch let error as SpreadsheetError {
            #expect(error.message.hasPrefix("No se pudo leer «"))
            return false
        } catch {
            Issue.record("error inesperado \(error)")
            return false
        }
    }

    static let seeds: [String] = [
        "Tests/Fixtures/valido.xlsx", "Tests/Fixtures/saltos-entre-comillas.csv", "Tests/Fixtures/cp1252.csv",
    ]

    @Test("Every truncation and 300 byte flips", arguments: seeds)
    func damage(_ relative: String) throws {
        let original = try [UInt8](Data(contentsOf: Paths.root.appendingPathComponent(relative)))
        let ext = (relative as NSString).pathExtension
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var refused = 0
        for length in stride(from: 1, to: original.count, by: max(1, original.count / 200)) {
            if !outcome(Array(original[0..<length]), name: "t\(length).\(ext)", in: dir) { refused += 1 }
        }
        var rng = SplitMix(state: 2017)
        for k in 0..<300 {
            var copy = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<copy.count, using: &rng)
                copy[i] ^= UInt8.random(in: 1...255, using: &rng)
            }
            if !outcome(copy, name: "f\(k).\(ext)", in: dir) { refused += 1 }
        }
        if ext == "xlsx" { #expect(refused > 200, "la mayoría de las copias dañadas de un ZIP se rechazan") }
    }

    @Test(
        "Damaged copies of real corpus files",
        .enabled(if: corpusPresente, "se omite: ../shared/corpus no está junto al repositorio"))
    func corpusDamage() throws {
        let names = ["tafia+calamine/date.xlsx", "apache+poi/SampleSS.xlsx", "exceljs+exceljs/google-sheets.xlsx"]
        let dir = Paths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix(state: 1904)
        for name in names {
            let url = Paths.corpus.appendingPathComponent("xlsx-reales/\(name)")
            guard let data = try? Data(contentsOf: url) else { continue }
            let original = [UInt8](data)
            for k in 0..<150 {
                var copy = original
                let i = Int.random(in: 0..<copy.count, using: &rng)
                copy[i] ^= UInt8.random(in: 1...255, using: &rng)
                _ = outcome(copy, name: "c\(k).xlsx", in: dir)
                _ = outcome(
                    Array(original[0..<Int.random(in: 1..<original.count, using: &rng)]), name: "ct\(k).xlsx", in: dir)
            }
        }
    }
}
