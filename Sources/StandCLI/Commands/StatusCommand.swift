import ArgumentParser
import Foundation
import StandApp

/// `standctl status`: how the running standd is, from its control socket.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the running stand's devices, print queue, sync queue and storage.",
        discussion: "Reads standd's control socket; the user needs to be in the stand group.")

    @Option(help: "standd's control socket.")
    var socket = "/run/standkit/control.sock"

    @Flag(help: "Print the status as JSON, as standd reports it.")
    var json = false

    @Option(help: "Seconds to wait for standd's answer.")
    var timeout = 5

    func run() throws {
        var client = ControlClient(socketPath: socket)
        client.timeoutSeconds = max(1, timeout)
        do {
            if json {
                print(String(decoding: try client.get("/status"), as: UTF8.self), terminator: "")
            } else {
                for line in try client.status().lines { print(line) }
            }
        } catch {
            throw CommandError(error.description)
        }
    }
}
