/// The cell formats used, numbered in order of first use (0 is the default).
struct StyleTable {
    private struct Key: Hashable {
        var style: XLSXStyle
        var date: Bool
    }
    private var keys: [Key] = [Key(style: XLSXStyle(), date: false)]
    private var positions: [Key: Int] = [Key(style: XLSXStyle(), date: false): 0]

    mutating func index(_ style: XLSXStyle, date: Bool) -> Int {
        let k = Key(style: style, date: date)
        if let i = positions[k] { return i }
        positions[k] = keys.count
        keys.append(k)
        return keys.count - 1
    }

    func xml() -> String {
        var fonts: [String] = ["<font><sz val=\"11\"/><name val=\"Calibri\"/></font>"]
        var fills: [String] = [
            "<fill><patternFill patternType=\"none\"/></fill>", "<fill><patternFill patternType=\"gray125\"/></fill>",
        ]
        var borders: [String] = ["<border><left/><right/><top/><bottom/><diagonal/></border>"]
        var xfs: [String] = []
        func indexOf(_ list: inout [String], _ item: String) -> Int {
            if let i = list.firstIndex(of: item) { return i }
            list.append(item)
            return list.count - 1
        }
        for k in keys {
            let st = k.style
            let font =
                "<font>" + (st.bold ? "<b/>" : "") + "<sz val=\"11\"/>"
                + (st.fontColor.map { "<color rgb=\"FF\($0)\"/>" } ?? "")
                + "<name val=\"Calibri\"/></font>"
            let fontId = indexOf(&fonts, font)
            let fillId =
                st.fill.map {
                    indexOf(
                        &fills,
                        "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\($0)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
                    )
                } ?? 0
            let borderId =
                st.border
                ? indexOf(
                    &borders,
                    "<border><left style=\"thin\"><color rgb=\"FF9BA9B8\"/></left><right style=\"thin\"><color rgb=\"FF9BA9B8\"/></right><top style=\"thin\"><color rgb=\"FF9BA9B8\"/></top><bottom style=\"thin\"><color rgb=\"FF9BA9B8\"/></bottom><diagonal/></border>"
                ) : 0
            var xf =
                "<xf numFmtId=\"\(k.date ? 164 : 0)\" fontId=\"\(fontId)\" fillId=\"\(fillId)\" borderId=\"\(borderId)\" xfId=\"0\""
            if k.date { xf += " applyNumberFormat=\"1\"" }
            if fontId != 0 { xf += " applyFont=\"1\"" }
            if fillId != 0 { xf += " applyFill=\"1\"" }
            if borderId != 0 { xf += " applyBorder=\"1\"" }
            var hijos = ""
            if st.wrap {
                xf += " applyAlignment=\"1\""
                hijos += "<alignment vertical=\"top\" wrapText=\"1\"/>"
            }
            if !st.locked {
                xf += " applyProtection=\"1\""
                hijos += "<protection locked=\"0\"/>"
            }
            xfs.append(hijos.isEmpty ? xf + "/>" : xf + ">" + hijos + "</xf>")
        }
        var s = XLSXDocument.header
        s +=
            "<styleSheet xmlns=\"\(XLSXDocument.main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
        s += "<fonts count=\"\(fonts.count)\">" + fonts.joined() + "</fonts>"
        s += "<fills count=\"\(fills.count)\">" + fills.joined() + "</fills>"
        s += "<borders count=\"\(borders.count)\">" + borders.joined() + "</borders>"
        s += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        s += "<cellXfs count=\"\(xfs.count)\">" + xfs.joined() + "</cellXfs>"
        s += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return s + "</styleSheet>"
    }
}
