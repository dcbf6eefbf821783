package io.uxp.runtime.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounds-checked cursor over a received datagram. A read past the end, or a bad length, sets
 * {@link #failed()} and returns zeros instead of throwing, so parsers check once at the end and no
 * exception can escape on hostile input.
 */
final class WireReader {

    private final byte[] buffer;
    private final int end;
    private int position;
    private boolean failed;

    WireReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    private boolean need(int n) {
        if (failed || n < 0 || end - position < n) {
            failed = true;
            return false;
        }
        return true;
    }

    int u8() {
        return need(1) ? buffer[position++] & 0xFF : 0;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    long u64() {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    byte[] bytes(int n) {
        if (!need(n)) {
            return new byte[0];
        }
        byte[] out = Arrays.copyOfRange(buffer, position, position + n);
        position += n;
        return out;
    }

    /** A wire name: one length byte (1..32) and printable ASCII without spaces. */
    String name() {
        int n = u8();
        if (n < 1 || n > Wire.MAX_NAME_BYTES || !need(n)) {
            failed = true;
            return "";
        }
        for (int i = position; i < position + n; i++) {
            if (buffer[i] < 0x21 || buffer[i] > 0x7e) {
                failed = true;
                return "";
            }
        }
        String s = new String(buffer, position, n, StandardCharsets.US_ASCII);
        position += n;
        return s;
    }

    /** Consumes {@code n} bytes that must all be zero. */
    void zeros(int n) {
        if (!need(n)) {
            return;
        }
        for (int i = position; i < position + n; i++) {
            if (buffer[i] != 0) {
                failed = true;
                return;
            }
        }
        position += n;
    }

    void fail() {
        failed = true;
    }

    int remaining() {
        return end - position;
    }

    /** @return whether every read succeeded and the datagram was consumed exactly */
    boolean completedExactly() {
        return !failed && position == end;
    }

    boolean failed() {
        return failed;
    }
}
