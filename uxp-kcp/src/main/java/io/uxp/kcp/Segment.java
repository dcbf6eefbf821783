package io.uxp.kcp;

/**
 * One pooled KCP segment: header fields, payload and the sender's retransmission bookkeeping. Instances are
 * recycled by the engine, and the payload array only grows, so steady-state traffic allocates nothing.
 */
final class Segment {
    int frg;
    int ts;
    int sn;
    int len;
    /** Time of the next retransmission, in the caller's milliseconds. */
    long resendAtMillis;
    int rtoMillis;
    int fastAck;
    int transmissions;
    byte[] data;

    Segment(int capacity) {
        data = new byte[capacity];
    }

    /** Makes room for {@code capacity} payload bytes, keeping the current payload. */
    void ensureCapacity(int capacity) {
        if (data.length < capacity) {
            data = java.util.Arrays.copyOf(data, Math.max(capacity, data.length * 2));
        }
    }
}
