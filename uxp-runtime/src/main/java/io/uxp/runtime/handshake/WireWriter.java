package io.uxp.runtime.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds handshake datagrams (rare, so a growable buffer is fine). */
final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(Wire.MIN_CLIENT_HELLO_BYTES);

    WireWriter u8(int v) {
        out.write(v);
        return this;
    }

    WireWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    WireWriter u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
    }

    WireWriter bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    WireWriter name(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return u8(b.length).bytes(b);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
