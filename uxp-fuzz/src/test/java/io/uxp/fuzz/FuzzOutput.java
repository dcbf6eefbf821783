package io.uxp.fuzz;

import java.io.ByteArrayOutputStream;

/** Builds a seed in the format {@link FuzzInput} reads: the inverse of each of its methods. */
public final class FuzzOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @return this, after one byte */
    public FuzzOutput u8(int v) {
        out.write(v);
        return this;
    }

    /** @return this, after two bytes, big-endian */
    public FuzzOutput u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    /** @return this, after four bytes, big-endian */
    public FuzzOutput u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    /** @return this, after eight bytes, big-endian */
    public FuzzOutput u64(long v) {
        return u32((int) (v >>> 32)).u32((int) v);
    }

    /** @return this, after the bytes */
    public FuzzOutput bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** @return this, after a u16 length and the bytes (at most 65,535) */
    public FuzzOutput chunk(byte[] b) {
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("a chunk holds at most 65535 bytes, got " + b.length);
        }
        return u16(b.length).bytes(b);
    }

    /** @return the seed */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
