/// Receives the events of an ``XMLStreamParser``. Names and values are borrowed bytes, valid only
/// during the call.
///
/// A base class rather than a protocol: the parser's C callbacks reach it through an unmanaged
/// reference and a vtable call, with no reference counting per event (the hot path of big sheets).
class XMLEventHandler {
    /// A problem the handler found; when set, the parser stops and throws it.
    final var handlerError: SpreadsheetError? {
        didSet { failed = handlerError != nil }
    }
    /// Cheap check, made after every element: true once ``handlerError`` is set.
    final private(set) var failed = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {}
    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// A handler that turns a part's events into rows (XLSX worksheets, ODS tables), handed over in
/// batches by the background reader.
class RowEventHandler: XMLEventHandler {
    /// Moves the completed rows to `buffer`, leaving an empty buffer behind.
    func takeRows(into buffer: inout [Row]) {}
}
