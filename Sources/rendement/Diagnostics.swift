import Foundation
import RendementCore

/// Writes to standard error (diagnostics, warnings and progress never go to stdout).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Loads and compiles a scenario, printing every problem with its place; nil on failure.
func loadModel(_ path: String, showWarnings: Bool = true) -> CompiledModel? {
    do {
        let model = try ModelCompiler.load(path: path)
        if showWarnings {
            for warning in model.warnings { StandardError.write(warning.description + "\n") }
        }
        return model
    } catch {
        StandardError.write(error.description + "\n")
        return nil
    }
}
