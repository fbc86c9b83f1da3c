import ArgumentParser
import Foundation

/// `--view FILE`: also write the result as an HTML fragment, the web page's view of the job (the
/// server passes it to every job but `report`, and serves the file at `/v1/jobs/{id}/view`).
struct ViewOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the result as an HTML fragment (tables and inline SVG figures, as the server's web page shows it) to this file.",
                               valueName: "file"))
    var view: String?

    /// Writes the fragment `make` builds (only built when --view was given); exits 1 if it cannot.
    func write(_ make: () -> String) throws {
        guard let view else { return }
        do { try Data(make().utf8).write(to: URL(fileURLWithPath: view), options: .atomic) } catch {
            StandardError.write("error: cannot write the view to \(view): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
    }
}
