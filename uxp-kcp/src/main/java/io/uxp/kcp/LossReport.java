package io.uxp.kcp;

import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;

/**
 * The losses one flush declared, tallied per {@link LossSample.Cause}, and the engine's one reusable
 * {@link LossSample} through which they are reported: at most one {@link CongestionController#onLost} per cause,
 * after the flush loop, in the order of the causes (duplicate acks, time threshold, timeout).
 */
final class LossReport implements LossSample {
    private static final Cause[] CAUSES = Cause.values();

    private final int[] segments = new int[CAUSES.length];
    private final long[] bytes = new long[CAUSES.length];
    private final long[] newestSent = new long[CAUSES.length];
    private long nowMicros;
    private int selected;
    private long bytesInFlight;
    private int segmentsOutstanding;
    private int windowInUse;
    private int fastResend;

    /** Starts a flush: no losses. */
    void clear() {
        for (int i = 0; i < CAUSES.length; i++) {
            segments[i] = 0;
            bytes[i] = 0;
            newestSent[i] = Long.MIN_VALUE;
        }
    }

    /** Tallies the declaration of {@code s} as lost for {@code cause} (an ordinal of {@link Cause}). */
    void add(int cause, Segment s) {
        if (segments[cause]++ == 0 || s.sentMicros - newestSent[cause] > 0) {
            newestSent[cause] = s.sentMicros;
        }
        bytes[cause] += s.wireBytes();
    }

    /** Reports each cause that has losses to {@code congestion}, in the order of {@link Cause}. */
    void report(CongestionController congestion, long now, long inFlightBytes, int outstanding, int window,
            int resend) {
        nowMicros = now;
        bytesInFlight = inFlightBytes;
        segmentsOutstanding = outstanding;
        windowInUse = window;
        fastResend = resend;
        for (int i = 0; i < CAUSES.length; i++) {
            if (segments[i] > 0) {
                selected = i;
                congestion.onLost(this);
            }
        }
    }

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public Cause cause() {
        return CAUSES[selected];
    }

    @Override
    public int lostSegments() {
        return segments[selected];
    }

    @Override
    public long lostBytes() {
        return bytes[selected];
    }

    @Override
    public long newestSentMicros() {
        return newestSent[selected];
    }

    @Override
    public long bytesInFlight() {
        return bytesInFlight;
    }

    @Override
    public int segmentsOutstanding() {
        return segmentsOutstanding;
    }

    @Override
    public int windowInUse() {
        return windowInUse;
    }

    @Override
    public int fastResend() {
        return fastResend;
    }

    @Override
    public String toString() {
        return "LossSample[" + cause() + " now=" + nowMicros + "us lost=" + lostSegments() + "/" + lostBytes()
                + " newestSent=" + newestSentMicros() + "us inFlight=" + bytesInFlight + " outstanding="
                + segmentsOutstanding + " window=" + windowInUse + " fastResend=" + fastResend + "]";
    }
}
