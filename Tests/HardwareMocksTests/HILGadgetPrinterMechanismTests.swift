@testable import HardwareMocks
import Testing

/// The printer model behind the HIL VM's printer gadget, without the gadget: how the bytes the
/// host sends become status answers, paper, dropped bytes and a cut cable.
@Suite struct HILGadgetPrinterMechanismTests {
    @Test func jobBytesGoOnThePaperAndDLEEOTIsAnsweredFromTheState() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: true)
        let taken = printer.take([0x41, 0x10, 0x04, 0x01, 0x42, 0x10, 0x04, 0x04])
        #expect(taken.replies == [0x12, 0x12], "online; paper present")
        #expect(!taken.ranOut)
        #expect(printer.paper == [0x41, 0x42])
        #expect(printer.statusRequests == 2 && printer.bytesReceived == 8)
    }

    @Test func aRequestSplitAcrossReadsIsOneRequestAndADLEOfTheJobIsPrinted() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: true)
        #expect(printer.take([0x41, 0x10]).replies.isEmpty)
        #expect(printer.take([0x04]).replies.isEmpty)
        #expect(printer.take([0x02]).replies == [0x12])
        #expect(printer.paper == [0x41])
        // DLE followed by anything but EOT (a raster byte, DLE DLE) is the job's own.
        _ = printer.take([0x10, 0x43, 0x10, 0x10, 0x04, 0x01])
        #expect(printer.paper == [0x41, 0x10, 0x43, 0x10])
        #expect(printer.statusRequests == 2)
    }

    @Test func theRollRunsOutMidJobThenDropsBytesAndReportsPaperEndUntilLoaded() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: true)
        printer.runOutOfPaper(afterBytes: 3)
        #expect(printer.take([1, 2]).ranOut == false)
        #expect(printer.take([3, 4, 5]).ranOut == true)
        #expect(printer.paper == [1, 2, 3] && printer.ranOutAt == 3 && printer.dropped == 2)
        #expect(printer.take([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04, 6]).replies == [0x1A, 0x32, 0x72],
                "offline; paper end stop; paper end")
        #expect(printer.dropped == 3)

        printer.loadPaper()
        _ = printer.take([7, 0x10, 0x04, 0x04])
        #expect(printer.paper == [1, 2, 3, 7])
        #expect(printer.take([0x10, 0x04, 0x04]).replies == [0x12])
    }

    @Test func anEmptyRollPrintsNothingFromTheStart() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: true)
        printer.emptyRoll()
        _ = printer.take([1, 2, 3])
        #expect(printer.paper.isEmpty && printer.dropped == 3 && printer.ranOutAt == 0)
    }

    @Test func aCutCableTakesItsBytesAndThenNothingAtAll() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: true)
        printer.cutOff(afterBytes: 2)
        let taken = printer.take([1, 2, 3, 0x10, 0x04, 0x01])
        #expect(printer.paper == [1, 2])
        #expect(taken.replies.isEmpty, "nothing is answered past the cut")
        #expect(!printer.takesData)
        #expect(printer.dropped == 0)
    }

    @Test func aPrinterThatDoesNotAnswerStillCountsTheRequests() {
        var printer = GadgetPrinterMechanism(answersStatusRequests: false)
        #expect(printer.take([0x10, 0x04, 0x01, 0x41]).replies.isEmpty)
        #expect(printer.statusRequests == 1 && printer.paper == [0x41])
    }
}
