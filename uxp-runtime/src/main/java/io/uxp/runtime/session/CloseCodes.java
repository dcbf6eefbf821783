package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.runtime.record.Frames;

/** Turns a received CLOSE frame into the {@link CloseCause} the application sees. */
final class CloseCodes {

    private CloseCodes() {
    }

    /**
     * @param code the CLOSE frame's code (docs/PROTOCOL.md section 10)
     * @param detail the peer's explanation, possibly empty
     * @return a {@code PEER_CLOSE} cause saying what the code means
     */
    static CloseCause peerClose(int code, String detail) {
        String text = switch (code) {
            case Frames.CLOSE_SERVER_SHUTDOWN -> "the server shut down";
            case Frames.CLOSE_IDLE_TIMEOUT -> "the peer timed out";
            case Frames.CLOSE_PROTOCOL_ERROR -> "the peer saw a protocol error";
            case Frames.CLOSE_INTERNAL_ERROR -> "the peer had an internal error";
            default -> "the peer closed";
        };
        return new CloseCause(CloseCause.Kind.PEER_CLOSE, detail.isEmpty() ? text : text + ": " + detail);
    }
}
