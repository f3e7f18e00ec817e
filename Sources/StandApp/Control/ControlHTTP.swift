/// The little HTTP/1.1 the control socket speaks: one `GET` per connection, answered and closed.
enum ControlHTTP {
    /// The largest request head read; anything longer is refused with 400.
    static let maximumRequestBytes = 8192

    struct Response: Equatable {
        var status: Int
        var contentType: String
        var body: [UInt8]

        static func text(_ status: Int, _ text: String) -> Response {
            Response(status: status, contentType: "text/plain; charset=utf-8", body: Array((text + "\n").utf8))
        }

        var reason: String {
            switch status {
            case 200: "OK"
            case 400: "Bad Request"
            case 404: "Not Found"
            case 405: "Method Not Allowed"
            default: "Internal Server Error"
            }
        }

        /// The status line, headers and body, ready to write.
        var bytes: [UInt8] {
            let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
                + "Connection: close\r\n\r\n"
            return Array(head.utf8) + body
        }
    }

    enum Parsed: Equatable {
        /// The head is not complete yet.
        case incomplete
        case get(path: String)
        case refused(Response)
    }

    /// Reads the request head in `bytes` (the request line and headers up to the blank line).
    static func parse(_ bytes: [UInt8]) -> Parsed {
        guard let end = headEnd(bytes) else {
            return bytes.count > maximumRequestBytes ? .refused(.text(400, "request too large")) : .incomplete
        }
        guard let head = String(validating: bytes[..<end], as: UTF8.self) else { return .refused(.text(400, "request is not UTF-8")) }
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1."), parts[1].hasPrefix("/"),
              lines.dropFirst().allSatisfy({ $0.contains(":") }) else {
            return .refused(.text(400, "malformed request"))
        }
        guard parts[0] == "GET" else { return .refused(.text(405, "only GET is served")) }
        let path = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return .get(path: String(path))
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
