/// A tile-grid map: each region a square at a row and column roughly where it lies. The grid is
/// data, so any set of regions can be drawn.
///
/// ```swift
/// let grid = TileGrid(tiles: [Tile(id: "02", label: "BC", row: 0, column: 0)])
/// ```
public struct TileGrid: Sendable, Hashable, Codable {
    public var tiles: [Tile]
    public init(tiles: [Tile]) { self.tiles = tiles }

    public var rows: Int { (tiles.map(\.row).max() ?? -1) + 1 }
    public var columns: Int { (tiles.map(\.column).max() ?? -1) + 1 }
}

public struct Tile: Sendable, Hashable, Codable {
    public var id: String
    public var label: String
    public var row: Int
    public var column: Int

    public init(id: String, label: String, row: Int, column: Int) {
        self.id = id
        self.label = label
        self.row = row
        self.column = column
    }
}
