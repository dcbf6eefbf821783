package io.uxp.runtime.worker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may run a {@link Worker}'s loop: its runner, or, while the runner waits, one sending thread that borrowed it.
 * A message sent from another thread then reaches the socket on that thread at once instead of after the runner's
 * wake-up, which on a busy host costs up to milliseconds (docs/RUNTIME.md, threads). The runner {@link #lend}s
 * before it waits and {@link #reclaim}s before it touches the loop again; a borrower holds it for one connection's
 * flush. The state's transitions give the happens-before edges between the two threads' use of the loop.
 */
final class LoopHold {

    /** The runner runs the loop, or no runner exists (a test drives it): nobody may borrow it. */
    private static final int RUNNING = 0;
    /** The runner waits: a sending thread may borrow the loop. */
    private static final int LENDABLE = 1;
    /** A sending thread runs work on the loop. */
    private static final int BORROWED = 2;
    /**
     * Borrowed, and the runner has woken and waits for it: the borrower hands it straight to the runner and no
     * thread may borrow it meanwhile, so a thread that sends without pause cannot keep the worker from its datagrams.
     */
    private static final int WANTED = 3;
    /** Busy-waits of the runner for a borrower before it yields the processor between checks. */
    private static final int SPINS = 1_000;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    /** The deadline the runner waits for while the loop is lendable, in microseconds of the worker's clock. */
    private volatile long awaitedMicros;

    /** Runner only: it is about to wait until {@code deadlineMicros} ({@link Long#MAX_VALUE}: none). */
    void lend(long deadlineMicros) {
        awaitedMicros = deadlineMicros;
        state.set(LENDABLE);
    }

    /**
     * Runner only: takes the loop back, waiting for a borrower to hand it over (after its one flush); nothing if the
     * runner holds it already.
     */
    void reclaim() {
        int spins = 0;
        for (int s = state.get(); s != RUNNING; s = state.get()) {
            if (s == LENDABLE && state.compareAndSet(LENDABLE, RUNNING)) {
                return;
            }
            if (s == BORROWED) {
                state.compareAndSet(BORROWED, WANTED);
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the borrower may have been descheduled while it holds the loop
            }
        }
    }

    /** @return whether the caller borrowed the loop (the runner waits and nobody else holds it) */
    boolean tryBorrow() {
        return state.get() == LENDABLE && state.compareAndSet(LENDABLE, BORROWED);
    }

    /** @return the deadline the waiting runner will wake at by itself, in microseconds */
    long awaitedMicros() {
        return awaitedMicros;
    }

    /** Borrower only: gives the loop back, to the runner itself if it has woken meanwhile. */
    void giveBack() {
        if (!state.compareAndSet(BORROWED, LENDABLE)) {
            state.set(RUNNING); // WANTED: the runner waits in reclaim and goes on from here
        }
    }
}
