package io.uxp.runtime.session;

import io.uxp.api.DeliveryMode;
import io.uxp.kcp.KcpEngine;
import java.nio.ByteBuffer;

/**
 * Takes whole messages (or, in stream mode, runs of segments) out of KCP into one reusable buffer, handed to
 * the handler as a view valid for one callback. The buffer grows (to a power of two) only when a longer
 * message arrives, so steady-state delivery allocates nothing. Worker thread only.
 */
final class Inbox {

    /** Initial buffer, in segments: room for typical messages without growing. */
    private static final int INITIAL_SEGMENTS_MESSAGE = 4;
    /** Buffer in stream mode, in segments: one delivery takes as many whole segments as fit. */
    private static final int STREAM_SEGMENTS = 16;

    private final KcpEngine kcp;
    private byte[] buffer;
    private ByteBuffer view;

    Inbox(KcpEngine kcp, DeliveryMode mode) {
        this.kcp = kcp;
        int mss = kcp.config().mssBytes();
        this.buffer = new byte[(mode == DeliveryMode.STREAM ? STREAM_SEGMENTS : INITIAL_SEGMENTS_MESSAGE) * mss];
        this.view = ByteBuffer.wrap(buffer);
    }

    /** @return the next message as a view of the shared buffer, or {@code null} if none is ready */
    ByteBuffer next() {
        int size = kcp.peekSize();
        if (size < 0) {
            return null;
        }
        if (size > buffer.length) {
            buffer = new byte[Integer.highestOneBit(size - 1) << 1];
            view = ByteBuffer.wrap(buffer);
        }
        int n = kcp.receive(buffer, 0, buffer.length);
        if (n < 0) {
            return null;
        }
        view.clear().limit(n);
        return view;
    }
}
