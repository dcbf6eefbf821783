package io.uxp.runtime.io;

/**
 * A monotonic clock: the only time source of the runtime, injected so tests can drive it. Protocol timers
 * (handshake, keepalive, idle, close) use milliseconds; the KCP engine and the worker's timers use
 * microseconds, which pacing needs (a 1,400-byte segment every 224 us at 50 Mbit/s).
 */
@FunctionalInterface
public interface Clock {

    /** The system's monotonic clock ({@link System#nanoTime()}); never jumps with the wall clock. */
    Clock MONOTONIC = new Clock() {
        @Override
        public long nowMillis() {
            return System.nanoTime() / 1_000_000L;
        }

        @Override
        public long nowMicros() {
            return System.nanoTime() / 1_000L;
        }
    };

    /** @return the current time, in milliseconds */
    long nowMillis();

    /**
     * @return the current time, in microseconds, on the same time line as {@link #nowMillis()}
     *     ({@code nowMicros() / 1000 == nowMillis()} up to the instant between the two calls); a clock that
     *     only knows milliseconds answers {@code nowMillis() * 1000}
     */
    default long nowMicros() {
        return nowMillis() * 1_000L;
    }
}
