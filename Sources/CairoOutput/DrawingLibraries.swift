import CCairo

/// Cairo, Pango, fontconfig and HarfBuzz are opened on first use, not linked. Asking here opens them:
/// a caller that must not stop (a server building a report) checks before drawing, since past this a
/// missing library ends the program.
///
/// ```swift
/// if let problem = DrawingLibraries.problem { print(problem) }  // what to install, in Spanish
/// ```
public enum DrawingLibraries {
    /// Nil when every library opens; otherwise which is missing and the Debian package to install.
    public static var problem: String? {
        ccairo_missing().map { String(cString: $0) }
    }
}
