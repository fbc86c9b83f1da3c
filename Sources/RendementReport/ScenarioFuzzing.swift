import Foundation
import RendementAnalysis
import RendementCore

/// The entry of the scenario fuzz target (`Fuzz/Sources/FuzzScenario`) and of the regression
/// tests over the inputs it found: scenario text → decode → compile (every variant) → a small
/// run, the base case, the table by year, the published figures, the one-way analyses, the
/// experts' runs, a Latin hypercube run and the renderers. Whatever the text, this must
/// return: a model or diagnostics, never a trap, a hang or an unbounded allocation.
public enum ScenarioFuzzing {
    public static func exercise(_ text: String) {
        guard let model = try? ModelCompiler.compile(yaml: text, file: "fuzz.yaml") else { return }
        for variant in model.scenario.variants { _ = try? ModelCompiler.compile(model.scenario, variant: variant.name) }
        let options = RunOptions(samples: 200, seed: 7, threads: 1, memoryBudget: 1 << 20)
        guard (try? options.check(for: model)) != nil else { return }
        let result = MonteCarloRunner.run(model, options: options)
        let table = try? YearTable.compute(model, options: options)
        let reconciliation = try? Reconciliation.compute(result, options: options)
        _ = Kassabon.render(result, reconciliation: reconciliation)
        _ = RunReport.json(result, yearTable: table, reconciliation: reconciliation).rendered()
        if let table { _ = YearTableReport.text(table, currency: "EUR") + YearTableReport.csv(table) }
        _ = OneWay.tornado(model)
        if let npv = model.outputIndex(.npv) {
            _ = OneWay.breakEven(model, output: npv)
            _ = OneWay.spider(model, output: npv, probabilities: [0.05, 0.5, 0.95])
        }
        _ = OneWay.effectScaleBreakEven(model)
        // Elicited and pooled inputs: their summaries, every expert alone, and inverse CDFs (LHS).
        _ = ElicitationReport.textLines(model.scenario)
        _ = ExpertDisagreement(model: model, options: options)
        var stratified = options
        stratified.design = LatinHypercubeDesign()
        _ = MonteCarloRunner.run(model, options: stratified)
    }
}
