package io.uxp.runtime.handshake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A "random" source that returns scripted values, for test vectors: each {@link #nextBytes} call takes the next
 * item, which must have the requested length; {@link #nextLong} takes the next 8-byte item, big-endian.
 */
final class ScriptedRandom implements RandomGenerator {

    private final Deque<byte[]> items = new ArrayDeque<>();

    ScriptedRandom add(byte[] item) {
        items.addLast(item.clone());
        return this;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] item = items.removeFirst();
        if (item.length != bytes.length) {
            throw new IllegalStateException("scripted item of " + item.length + " bytes, asked for " + bytes.length);
        }
        System.arraycopy(item, 0, bytes, 0, bytes.length);
    }

    @Override
    public long nextLong() {
        byte[] item = items.removeFirst();
        if (item.length != Long.BYTES) {
            throw new IllegalStateException("scripted item of " + item.length + " bytes, asked for a long");
        }
        long v = 0;
        for (byte b : item) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    boolean exhausted() {
        return items.isEmpty();
    }
}
