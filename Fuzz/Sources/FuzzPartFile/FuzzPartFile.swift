import Foundation
import FuzzSupport
import RendementAnalysis

/// One input: the bytes of a part file. The reader must refuse anything damaged with a message,
/// and whatever it accepts must merge without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPartFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PartFileFuzzing.exercise(Data(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_cdecl("FuzzPartFile_main")
public func fuzzPartFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzPartFile)
}
