import Foundation
import RendementCore

/// Writes to standard error (diagnostics, warnings and progress never go to stdout).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Loads and compiles a scenario (or one of its variants), printing every problem with its
/// place; nil on failure.
func loadModel(_ path: String, variant: String? = nil, showWarnings: Bool = true) -> CompiledModel? {
    do {
        var model = try ModelCompiler.load(path: path)
        if let variant { model = try ModelCompiler.compile(model.scenario, variant: variant) }
        if showWarnings {
            for warning in model.warnings { StandardError.write(warning.description + "\n") }
        }
        return model
    } catch {
        StandardError.write(error.description + "\n")
        return nil
    }
}
