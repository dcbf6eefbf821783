package io.uxp.testkit;

import io.uxp.api.spi.LossSample;

/**
 * A mutable {@link LossSample} a test fills in place and reuses, as the engine does; each public field is what the
 * getter of the same name returns (units as in the SPI). For testing congestion controllers without an engine.
 */
public final class MutableLossSample implements LossSample {

    public long nowMicros;
    public Cause cause = Cause.TIME_THRESHOLD;
    public int lostSegments;
    public long lostBytes;
    public long newestSentMicros;
    public long bytesInFlight;
    public int segmentsOutstanding;
    public int windowInUse;
    public int fastResend = 2;

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    @Override
    public Cause cause() {
        return cause;
    }

    @Override
    public int lostSegments() {
        return lostSegments;
    }

    @Override
    public long lostBytes() {
        return lostBytes;
    }

    @Override
    public long newestSentMicros() {
        return newestSentMicros;
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
}
