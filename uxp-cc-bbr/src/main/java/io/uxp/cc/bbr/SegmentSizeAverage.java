package io.uxp.cc.bbr;

import static io.uxp.cc.bbr.BbrParameters.SEGMENT_HEADER_BYTES;

/**
 * The bytes one segment of the window stands for: a moving average of the sizes sent (gain 1/8), at most a full
 * segment. The engine counts the window in segments, and a flow of small messages (64-byte game or telemetry
 * updates) sends segments far below the mss: converting its BDP at full size would leave it a window of a few
 * segments, a few messages per round trip, whatever the path could carry.
 *
 * <p>One owner thread; primitives only.
 */
final class SegmentSizeAverage {

    /** The average's gain is 1 / 2^this. */
    private static final int SHIFT = 3;

    private final int fullSegmentBytes;
    /** The average times 2^{@link #SHIFT}. */
    private long scaledAverage;

    /** @param fullSegmentBytes bytes of one full segment on the wire; the average starts there */
    SegmentSizeAverage(int fullSegmentBytes) {
        this.fullSegmentBytes = fullSegmentBytes;
        this.scaledAverage = (long) fullSegmentBytes << SHIFT;
    }

    /** @param bytes the size of a segment just sent */
    void onSent(int bytes) {
        scaledAverage += bytes - (scaledAverage >> SHIFT);
    }

    /** @return the average segment size, between a header plus one byte and a full segment */
    long unitBytes() {
        return Math.max(SEGMENT_HEADER_BYTES + 1, Math.min(fullSegmentBytes, scaledAverage >> SHIFT));
    }

    /** @return how many segments of {@link #unitBytes()} carry {@code bytes}, rounded up */
    long segments(long bytes) {
        long unit = unitBytes();
        return (bytes + unit - 1) / unit;
    }
}
