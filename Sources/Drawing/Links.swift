/// An entry of a PDF's bookmarks (outline), pointing at a named destination.
public struct OutlineEntry: Sendable, Hashable {
    public var level: Int
    public var title: String
    public var destination: String

    public init(level: Int, title: String, destination: String) {
        self.level = level
        self.title = title
        self.destination = destination
    }
}
