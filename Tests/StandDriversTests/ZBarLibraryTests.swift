import StandHardware
import Testing
@testable import StandDrivers

/// libzbar is opened at run time; a stand without it, or with one that lacks a function, is told
/// what to install.
@Suite struct ZBarLibraryTests {
    @Test func theInstalledLibraryOpensWithEveryFunction() throws {
        let zbar = try ZBarLibrary.shared()
        let scanner = try #require(zbar.imageScannerCreate())
        zbar.imageScannerDestroy(scanner)
    }

    @Test func aMissingLibrarySaysToInstallIt() {
        #expect {
            try ZBarLibrary.open("libzbar-not-installed.so.0")
        } throws: { error in
            guard let error = error as? ZBarLibraryError, case let .notInstalled(library, detail) = error else { return false }
            return library == "libzbar-not-installed.so.0" && detail.contains("cannot open shared object file")
                && error.description.contains("sudo apt install libzbar0")
                && error.deviceError.code == .unsupported
                && error.deviceError.summary == "The camera scanner cannot read barcodes: zbar is not installed."
        }
    }

    @Test func aLibraryWithoutZBarsFunctionsIsTooOld() {
        #expect {
            try ZBarLibrary.open("libc.so.6")
        } throws: { error in
            guard let error = error as? ZBarLibraryError, case let .missingFunction(name, library, _) = error else { return false }
            return name == "zbar_image_scanner_create" && library == "libc.so.6"
                && error.description.contains("too old") && error.deviceError.code == .unsupported
        }
    }
}
