import Foundation
import RendementCore

/// Checks a submitted scenario in-process with the CLI's own compiler, so that a bad scenario is
/// refused at submission (422) with exactly the diagnostics `rendement check` prints.
enum ScenarioCheck {
    /// Compiling walks expression trees recursively: a thread with a large stack keeps even the
    /// largest expressions the limits allow (ExpressionParser.maxTokens) far from its end.
    private static let stackSize = 64 << 20

    /// nil when the scenario (and `variant`, if named) compiles, else its errors.
    static func problems(in text: String, file: String, variant: String? = nil) async -> ScenarioError? {
        await withCheckedContinuation { (continuation: CheckedContinuation<ScenarioError?, Never>) in
            let thread = Thread {
                do throws(ScenarioError) {
                    let model = try ModelCompiler.compile(yaml: text, file: file)
                    if let variant { _ = try ModelCompiler.compile(model.scenario, variant: variant) }
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: error)
                }
            }
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// The 422 body: every diagnostic as an object, and the text the CLI prints.
    static func body(_ error: ScenarioError) -> [String: Any] {
        let diagnostics: [[String: Any]] = error.diagnostics.map { d in
            var item: [String: Any] = ["severity": d.severity.rawValue, "file": d.location.file, "line": d.location.line,
                                       "column": d.location.column, "field": d.field, "message": d.message]
            if let hint = d.hint { item["hint"] = hint }
            return item
        }
        return ["error": "the scenario is not valid", "diagnostics": diagnostics, "text": error.description]
    }
}
