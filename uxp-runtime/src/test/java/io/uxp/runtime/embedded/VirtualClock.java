package io.uxp.runtime.embedded;

import io.uxp.runtime.io.Clock;

/** The harness's clock: virtual microseconds that move only when the harness moves them. */
final class VirtualClock implements Clock {

    /** Where virtual time starts: far from 0, so that "0 = never" bugs show. */
    static final long START_MICROS = 1_000_000_000L;

    private long nowMicros = START_MICROS;

    @Override
    public long nowMillis() {
        return nowMicros / 1_000L;
    }

    @Override
    public long nowMicros() {
        return nowMicros;
    }

    void advanceTo(long micros) {
        if (micros < nowMicros) {
            throw new IllegalArgumentException("time cannot go back: " + micros + " < " + nowMicros);
        }
        nowMicros = micros;
    }
}
