/// Receives the events of an ``XMLStreamParser``. Names and values are borrowed bytes, valid only
/// during the call.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes)
    func endElement(_ name: XMLName)
    func characters(_ text: UnsafeBufferPointer<UInt8>)
    /// A problem the handler found; when non-nil the parser stops and throws it.
    var handlerError: SpreadsheetError? { get }
}
