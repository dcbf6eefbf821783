package io.uxp.runtime.io;

/** Milliseconds on a monotonic clock: the only time source of the runtime, injected so tests can drive it. */
@FunctionalInterface
public interface Clock {

    /** The system's monotonic clock ({@link System#nanoTime()} in milliseconds); never jumps with the wall clock. */
    Clock MONOTONIC = () -> System.nanoTime() / 1_000_000L;

    /** @return the current time, in milliseconds */
    long nowMillis();
}
