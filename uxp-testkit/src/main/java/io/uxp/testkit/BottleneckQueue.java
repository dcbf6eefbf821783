package io.uxp.testkit;

import java.util.ArrayDeque;

/**
 * The state of one direction's {@link Bottleneck}: when the port is free again and which datagrams still wait.
 *
 * <p>Departure times are kept exactly, as whole microseconds plus a remainder in units of
 * {@code 1 / bitsPerSecond} microseconds, so a long saturated run does not drift from the rate. A datagram counts
 * as waiting from its arrival until its departure (the instant its last bit is serialized, rounded up to the next
 * microsecond).
 */
final class BottleneckQueue {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final Bottleneck config;
    /** Whole microseconds of the exact instant the port becomes free. */
    private long freeMicros = Long.MIN_VALUE;
    /** The fraction of a microsecond past {@link #freeMicros}, in units of {@code 1 / bitsPerSecond} us. */
    private long freeRemainder;
    /** Departure (us) and length (bytes) of each waiting datagram, oldest first, as pairs. */
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private long peakBytes;
    private long drops;

    BottleneckQueue(Bottleneck config) {
        this.config = config;
    }

    /**
     * Admits or drops one datagram.
     *
     * @param lenBytes the datagram's length
     * @param nowMicros its arrival
     * @return its departure in microseconds, or {@code -1} if the queue was full and it was dropped
     */
    long admit(int lenBytes, long nowMicros) {
        prune(nowMicros);
        if (waitingBytes + lenBytes > config.queueBytes()) {
            drops++;
            return -1;
        }
        boolean idle = nowMicros > freeMicros || nowMicros == freeMicros && freeRemainder == 0;
        if (idle) {
            freeMicros = nowMicros;
            freeRemainder = 0;
        }
        long numerator = freeRemainder + lenBytes * 8L * MICROS_PER_SECOND;
        freeMicros += numerator / config.bitsPerSecond();
        freeRemainder = numerator % config.bitsPerSecond();
        long departure = freeRemainder == 0 ? freeMicros : freeMicros + 1;
        waiting.addLast(new long[] {departure, lenBytes});
        waitingBytes += lenBytes;
        peakBytes = Math.max(peakBytes, waitingBytes);
        return departure;
    }

    /**
     * @param nowMicros the current virtual time, not earlier than the last call's
     * @return bytes that have arrived but not yet departed
     */
    long queuedBytes(long nowMicros) {
        prune(nowMicros);
        return waitingBytes;
    }

    /** @return the most bytes that waited at once */
    long peakBytes() {
        return peakBytes;
    }

    /** @return datagrams dropped because the queue was full */
    long drops() {
        return drops;
    }

    private void prune(long nowMicros) {
        while (!waiting.isEmpty() && waiting.peekFirst()[0] <= nowMicros) {
            waitingBytes -= waiting.pollFirst()[1];
        }
    }
}
