import Foundation
import FuzzSupport
import RendementReport

/// One input: scenario text. Whatever it holds, the engine must answer (a model or diagnostics),
/// and a model must run, summarise and render without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ScenarioFuzzing.exercise(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}

/// SwiftPM links an executable target's entry as `<Target>_main`; hand over to libFuzzer's driver.
@_cdecl("FuzzScenario_main")
public func fuzzScenarioMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzScenario)
}
