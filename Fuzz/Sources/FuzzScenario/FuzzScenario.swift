import Foundation
import FuzzSupport
import RendementCore
import RendementReport
import RendementAnalysis

/// One input: scenario text. Whatever it holds, the engine must answer (a model or diagnostics),
/// and a model must run, summarise and render without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let model = try? ModelCompiler.compile(yaml: text, file: "fuzz.yaml") else { return 0 }
    for variant in model.scenario.variants { _ = try? ModelCompiler.compile(model.scenario, variant: variant.name) }
    let options = RunOptions(samples: 200, seed: 7, threads: 1, memoryBudget: 1 << 20)
    guard (try? options.check(for: model)) != nil else { return 0 }
    let result = MonteCarloRunner.run(model, options: options)
    _ = Kassabon.render(result)
    _ = RunReport.json(result).rendered()
    _ = OneWay.tornado(model)
    if let npv = model.outputIndex(.npv) {
        _ = OneWay.breakEven(model, output: npv)
        _ = OneWay.spider(model, output: npv, probabilities: [0.05, 0.5, 0.95])
    }
    _ = OneWay.effectScaleBreakEven(model)
    return 0
}

/// SwiftPM links an executable target's entry as `<Target>_main`; hand over to libFuzzer's driver.
@_cdecl("FuzzScenario_main")
public func fuzzScenarioMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzScenario)
}
