#if canImport(Glibc)
import Glibc
#endif
import Foundation
import StandHardware
import Testing
@testable import StandDrivers

/// The real zbar video path (`zbar_video_open` on a device node) on machines without a camera:
/// what is not a camera is said in words, never a crash. Capturing from a real camera
/// (v4l2loopback) runs in the VM rig.
@Suite struct CameraVideoSourceTests {
    @Test func aMissingCameraSaysItDoesNotExistAndHowToFindTheCameras() async {
        let scanner = CameraScanner(settings: .init(path: "/dev/video99"))
        do {
            try await scanner.start()
            Issue.record("opening /dev/video99 succeeded")
        } catch {
            #expect(error.code == .notFound)
            #expect(error.summary == "/dev/video99 does not exist: is the camera plugged in?")
            #expect(error.action.contains("ls /dev/video*"))
            #expect(error.detail?.contains("open on /dev/video99 failed: No such file or directory (errno 2)") == true)
            #expect(error.detail?.contains("_zbar_video_open") == true, "zbar's own message is kept for the log")
        }
        #expect(scanner.state == .closed)
        await scanner.close()
        #expect(scanner.state == .closed)
    }

    @Test(arguments: ["/dev/null", "regular file", "directory"])
    func somethingThatIsNotAVideoDeviceIsNamed(_ kind: String) throws {
        let directory = NSTemporaryDirectory() + "camera-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = switch kind {
        case "/dev/null": "/dev/null"
        case "directory": directory
        default: directory + "/video0"
        }
        if kind == "regular file" { #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3]))) }
        do {
            _ = try CameraVideoSource(path: path, format: .yuyv)
            Issue.record("\(path) opened as a camera")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.summary == "\(path) is not a camera (it is not a video device).")
            #expect(error.action.contains("v4l2-ctl --list-devices"))
        }
    }

    @Test func permissionAndBusyErrorsSayWhatToDo() {
        let denied = CameraDiagnosis.openError(SystemCallError(call: "open", path: "/dev/video0", errno: EACCES))
        #expect(denied.code.rawValue == "permission-denied")
        #expect(denied.summary == "The stand may not use the scanner at /dev/video0.")
        #expect(denied.action.contains("video group"))
        #expect(denied.action.contains("systemd/udev/60-standkit.rules"))
        #expect(CameraDiagnosis.openError(SystemCallError(call: "open", path: "/dev/video0", errno: EBUSY)).code == .busy)
        #expect(CameraDiagnosis.openError(SystemCallError(call: "open", path: "/dev/video3", errno: ENODEV)).summary
            == "No camera answers at /dev/video3: is the camera plugged in?")
    }

    @Test func theUdevRuleGivesCamerasToTheStandGroup() throws {
        let rules = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/StandDriversTests/CameraVideoSourceTests.swift",
                                                                               with: "systemd/udev/60-standkit.rules"), encoding: .utf8)
        #expect(rules.contains(#"SUBSYSTEM=="video4linux", KERNEL=="video[0-9]*", GROUP="stand", MODE="0660""#))
    }

    @Test func theCapabilityQueryIsVIDIOC_QUERYCAP() {
        // _IOR('V', 0, struct v4l2_capability): read, 104 bytes, type 'V', number 0.
        #expect(CameraDiagnosis.queryCapabilities == (2 << 30) | (104 << 16) | (0x56 << 8) | 0)
    }
}
