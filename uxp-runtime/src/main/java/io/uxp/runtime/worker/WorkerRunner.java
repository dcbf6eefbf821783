package io.uxp.runtime.worker;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that runs a {@link Worker}'s loop, and its idle strategy: turn after turn while a turn does work;
 * with nothing done, wait until the next deadline, a datagram or a wake-up. It waits in the worker's selector when
 * the deadline is at least a millisecond away or there is none (the selector counts milliseconds), else parks for
 * the sub-millisecond rest (pacing), in slices of at most {@link #SOCKET_POLL_MICROS} when the worker reads
 * sockets, so that a datagram arriving meanwhile waits at most a slice.
 */
final class WorkerRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerRunner.class);
    private static final long MICROS_PER_MILLI = 1_000L;
    /**
     * Longest park, with sockets to read and a deadline under a millisecond away (the selector counts whole
     * milliseconds): the loop looks at its sockets again after this, so a datagram waits at most about this long
     * (plus the kernel's timer slack) behind a sub-millisecond timer.
     */
    static final long SOCKET_POLL_MICROS = 50;
    /** How long {@link #stop} waits for the thread, in milliseconds. */
    private static final long JOIN_MILLIS = 2_000;

    private final Worker worker;
    private final Thread thread;
    private volatile boolean running = true;

    private WorkerRunner(Worker worker) {
        this.worker = worker;
        this.thread = new Thread(this::run, worker.name());
        thread.setDaemon(true);
    }

    /** Starts a daemon thread named after the worker that runs its loop until {@link Worker#close}. */
    static WorkerRunner start(Worker worker) {
        WorkerRunner r = new WorkerRunner(worker);
        worker.attach(r, r.thread);
        worker.bind(r.thread);
        r.thread.start();
        return r;
    }

    private void run() {
        while (running) {
            if (worker.doWork() == 0) {
                idle();
            }
        }
        worker.releaseQueued();
    }

    private void idle() {
        worker.parked = true;
        // re-check after announcing the park: a producer that queued before it saw parked == false and did not wake
        if (!worker.hasQueuedWork() && running) {
            long next = worker.nextDeadlineMicros();
            long waitMicros = next == Long.MAX_VALUE ? Long.MAX_VALUE : next - worker.clock().nowMicros();
            if (waitMicros > 0) {
                worker.lend(next);
                try {
                    await(waitMicros);
                } finally {
                    worker.reclaim();
                }
            }
        }
        worker.parked = false;
    }

    /**
     * Waits up to {@code waitMicros} ({@code Long.MAX_VALUE}: no deadline) for a datagram on the sockets or a
     * wake-up. The selector counts in milliseconds, so a shorter rest parks (parkNanos wakes within tens of
     * microseconds on Linux: fine enough for pacing, without spinning).
     */
    private void await(long waitMicros) {
        boolean sockets = worker.readsSockets();
        if (!sockets || waitMicros < MICROS_PER_MILLI) {
            if (waitMicros == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                // with sockets to read, park at most a polling slice: a datagram then waits that long, not the rest
                long slice = sockets ? Math.min(waitMicros, SOCKET_POLL_MICROS) : waitMicros;
                LockSupport.parkNanos(this, slice * 1_000L);
            }
            return;
        }
        try {
            worker.select(waitMicros == Long.MAX_VALUE ? 0 : waitMicros / MICROS_PER_MILLI);
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.warn("worker {}: its selector failed: {}", thread.getName(), e.toString());
                LockSupport.parkNanos(this, Math.min(waitMicros, 10 * MICROS_PER_MILLI) * 1_000L);
            }
        }
    }

    /** Stops the loop after its current turn and waits for the thread a bounded time (not from the thread itself). */
    void stop() {
        running = false;
        worker.parked = true; // so that the wake-up below reaches a thread about to wait
        worker.execute(() -> { });
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
