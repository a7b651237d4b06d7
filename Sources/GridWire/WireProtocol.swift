/// Constants of the vgrid wire protocol.
///
/// A frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON, an envelope:
/// ```
/// {"v":1,"id":7,"type":"submit","body":{...}}
/// ```
/// - `id` correlates a request with its response, its `error`, and its `chunk` frames; the client
///   numbers its requests from 1 on each connection. Id 0 is for connection-level errors.
/// - `type` names the body: a request (`submit`, `startJob`, ...), a response (`submitted`, `ack`, ...),
///   `error`, `chunk` or `cancel`.
/// - `stream: true` on a request says `chunk` frames with the same id follow it (an upload, stage-in);
///   on a response it says `chunk` frames follow it (a download, stage-out).
/// - `chunk` bodies are `{"seq":n,"data":"<base64>","last":false}`; the stream ends with `last: true`.
///   Base64 costs a third more bytes on the wire, which is fine at lab scale and keeps every frame
///   readable with `jq` while teaching.
/// - `cancel` (client to server, no body) abandons the request with that id.
public enum WireProtocol {
    /// The envelope version this library speaks.
    public static let version = 1
    /// The default maximum frame size (16 MiB), header excluded.
    public static let defaultMaxFrameBytes = 16 * 1024 * 1024
    /// The default size of the data in one `chunk` frame (256 KiB before base64).
    public static let defaultChunkBytes = 256 * 1024
    /// The headnode daemon's port.
    public static let gwdPort = 6725
    /// The gatekeeper's port.
    public static let gatekeeperPort = 2119
    /// The transfer (GridFTP) port.
    public static let transferPort = 2811
}
