package io.uxp.runtime.embedded;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One side's events in an embedded run (single-threaded: plain fields): the bytes received in order, checked
 * against the pattern {@link #pattern} (byte {@code i} of the stream is {@code (byte) (i * 31 + i / 251)}), the
 * closes and the virtual time of the first.
 */
final class Peer implements ConnectionHandler {

    final List<CloseCause> closes = new ArrayList<>();
    long closedAtMillis = -1;
    long bytes;
    long messages;
    /** Stream offset of the first byte that broke the pattern, or -1. */
    long firstWrongByte = -1;
    Connection connection;
    private final LongSupplier clock;
    private final boolean echo;

    Peer(LongSupplier clockMillis, boolean echo) {
        this.clock = clockMillis;
        this.echo = echo;
    }

    static byte pattern(long i) {
        return (byte) (i * 31 + i / 251);
    }

    @Override
    public void onReady(Connection c) {
        connection = c;
    }

    @Override
    public void onData(Connection c, ByteBuffer data) {
        messages++;
        if (echo) {
            c.send(data.duplicate());
        }
        while (data.hasRemaining()) {
            if (data.get() != pattern(bytes) && firstWrongByte < 0) {
                firstWrongByte = bytes;
            }
            bytes++;
        }
    }

    @Override
    public void onClosed(Connection c, CloseCause cause) {
        if (closes.isEmpty()) {
            closedAtMillis = clock.getAsLong();
        }
        closes.add(cause);
    }

    /**
     * Sends the pattern's bytes {@code [sent, total)} in messages of {@code chunk} bytes while the connection has
     * room (from off the loop: the hand-off path).
     *
     * @return bytes sent so far
     */
    static long pump(Connection c, long sent, long total, int chunk) {
        byte[] buf = new byte[chunk];
        while (sent < total && c.isOpen() && c.isWritable()) {
            int n = (int) Math.min(chunk, total - sent);
            for (int i = 0; i < n; i++) {
                buf[i] = pattern(sent + i);
            }
            switch (c.send(ByteBuffer.wrap(buf, 0, n))) {
                case ACCEPTED -> sent += n;
                default -> {
                    return sent;
                }
            }
        }
        return sent;
    }
}
