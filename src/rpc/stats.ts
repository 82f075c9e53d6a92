/**
 * Counters for framed streams. One object is usually shared by every stream of a protocol (a
 * {@link PeerStreams} owns one), so the numbers describe the protocol on this node. Plain numbers:
 * read them any time, e.g. to export as metrics.
 */
export interface FrameStats {
  /** Whole frames received and handed to the frame callback. */
  framesIn: number
  /** Frames handed to the stream for sending. */
  framesOut: number
  /** Bytes received (length prefixes included). */
  bytesIn: number
  /** Bytes handed to the stream for sending (length prefixes included). */
  bytesOut: number
  /** Frames rejected by the protocol above (bad protobuf, bad fields), and bad length prefixes. */
  malformed: number
  /** Length prefixes above the frame size limit. */
  oversized: number
  /** Streams that ended (cleanly or not) in the middle of a frame. */
  truncated: number
  /** Streams this node reset because of bad input or a local failure. */
  resetsSent: number
  /** Streams the remote reset, or whose connection closed abruptly under them. */
  resetsReceived: number
  /** Outbound frames discarded: queue full, or queued on a stream that failed or closed. */
  dropped: number
  /** Streams opened (outbound) and accepted (inbound). */
  streamsOpened: number
  /** Failed attempts to open an outbound stream. */
  openFailures: number
}

/** A fresh set of zeroed counters. */
export function createFrameStats (): FrameStats {
  return {
    framesIn: 0,
    framesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    malformed: 0,
    oversized: 0,
    truncated: 0,
    resetsSent: 0,
    resetsReceived: 0,
    dropped: 0,
    streamsOpened: 0,
    openFailures: 0
  }
}
