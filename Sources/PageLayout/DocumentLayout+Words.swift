extension DocumentLayout {
    /// The words of `text` between spaces, a percent sign kept with the number before it ("50.1 %",
    /// "3.5 %,"): the sign never starts a line.
    ///
    /// ```swift
    /// DocumentLayout.words("el 50.1 % de 943")  // ["el", "50.1 %", "de", "943"]
    /// ```
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        for w in text.split(separator: " ", omittingEmptySubsequences: true) {
            if w.first == "%", let last = out.last, last.last?.isNumber == true {
                out[out.count - 1] = last + " " + w
            } else {
                out.append(String(w))
            }
        }
        return out
    }
}
