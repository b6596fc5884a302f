/// Parses one XML part of a workbook, pulling its bytes from `source` (nil at the end), and reports
/// its events to a handler. `beforeRead` runs each time more input is needed; returning false
/// cancels the parse.
protocol XMLPartParser: AnyObject {
    func parse(
        reading source: @escaping () throws(SpreadsheetError) -> [UInt8]?, beforeRead: (() -> Bool)?
    ) throws(SpreadsheetError)
}

extension XMLStreamParser: XMLPartParser {}

/// Chooses the parser of a part by its first bytes: UTF-8 XML, which is what spreadsheet programs
/// write, goes to ``XMLScanner``; anything else (UTF-16, another declared encoding, an empty part)
/// to libxml2 (``XMLStreamParser``). Both report the same events and refuse the same documents.
///
/// ```swift
/// let parser = AdaptiveXMLParser(handler: handler, file: "a.xlsx", part: "xl/worksheets/sheet1.xml")
/// try parser.parse(reading: stream.next, beforeRead: nil)
/// ```
final class AdaptiveXMLParser: XMLPartParser {
    private let handler: XMLEventHandler
    private let file: String
    private let part: String
    private let budget: ReadBudget?

    init(handler: XMLEventHandler, file: String, part: String, budget: ReadBudget? = nil) {
        self.handler = handler
        self.file = file
        self.part = part
        self.budget = budget
    }

    func parse(
        reading source: @escaping () throws(SpreadsheetError) -> [UInt8]?, beforeRead: (() -> Bool)? = nil
    ) throws(SpreadsheetError) {
        var first: [UInt8]? = try source()
        while let f = first, f.isEmpty { first = try source() }
        var pending = first
        let replay: () throws(SpreadsheetError) -> [UInt8]? = {
            () throws(SpreadsheetError) -> [UInt8]? in
            if let p = pending {
                pending = nil
                return p
            }
            return try source()
        }
        if let first, XMLScanner.accepts(first) {
            try XMLScanner(handler: handler, file: file, part: part, budget: budget)
                .parse(reading: replay, beforeRead: beforeRead)
        } else {
            try XMLStreamParser(handler: handler, file: file, part: part, budget: budget)
                .parse(reading: replay, beforeRead: beforeRead)
        }
    }
}
