package io.uxp.fuzz;

import java.util.Arrays;

/**
 * A cursor over a fuzzer's bytes for harnesses that read structure (an operation code, a length, a time step)
 * before the bytes they feed to a parser. Reading past the end yields zeros and empty arrays, never an exception,
 * so every input is a valid program for the harness. Lengths are capped by what is left, so the harness itself
 * never allocates more than the input.
 */
public final class FuzzInput {

    private final byte[] data;
    private int position;

    /** @param data the fuzzer's input; not copied */
    public FuzzInput(byte[] data) {
        this.data = data;
    }

    /** @return whether unread bytes remain */
    public boolean hasMore() {
        return position < data.length;
    }

    /** @return unread bytes */
    public int remaining() {
        return data.length - position;
    }

    /** @return the next byte, unsigned, or 0 at the end */
    public int u8() {
        return position < data.length ? data[position++] & 0xFF : 0;
    }

    /** @return the next two bytes, big-endian, unsigned */
    public int u16() {
        return (u8() << 8) | u8();
    }

    /** @return the next four bytes, big-endian */
    public int u32() {
        return (u16() << 16) | u16();
    }

    /** @return the next eight bytes, big-endian */
    public long u64() {
        return ((long) u32() << 32) | (u32() & 0xFFFF_FFFFL);
    }

    /**
     * @param n bytes wanted
     * @return the next {@code min(n, remaining())} bytes
     */
    public byte[] bytes(int n) {
        int k = Math.max(0, Math.min(n, remaining()));
        byte[] out = Arrays.copyOfRange(data, position, position + k);
        position += k;
        return out;
    }

    /** @return a chunk: a u16 length, then that many bytes (fewer at the end) */
    public byte[] chunk() {
        return bytes(u16());
    }

    /** @return every unread byte */
    public byte[] rest() {
        return bytes(remaining());
    }
}
