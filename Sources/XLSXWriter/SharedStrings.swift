/// Shared strings, each written once.
struct SharedStrings {
    private var list: [String] = []
    private var positions: [String: Int] = [:]

    mutating func index(_ s: String) -> Int {
        if let i = positions[s] { return i }
        positions[s] = list.count
        list.append(s)
        return list.count - 1
    }

    func xml() -> String {
        var s = XLSXDocument.header
        s += "<sst xmlns=\"\(XLSXDocument.main)\" count=\"\(list.count)\" uniqueCount=\"\(list.count)\">"
        for t in list { s += "<si><t xml:space=\"preserve\">\(XLSXDocument.escape(t))</t></si>" }
        return s + "</sst>"
    }
}
