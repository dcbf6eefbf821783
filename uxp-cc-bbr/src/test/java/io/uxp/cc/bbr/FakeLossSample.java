package io.uxp.cc.bbr;

import io.uxp.api.spi.LossSample;

/** A mutable {@link LossSample} a test fills in place and reuses, as the engine does. */
final class FakeLossSample implements LossSample {

    long nowMicros;
    Cause cause = Cause.TIME_THRESHOLD;
    int lostSegments;
    long lostBytes;
    long newestSentMicros;
    long bytesInFlight;
    int segmentsOutstanding;
    int windowInUse;
    int fastResend = 2;

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
