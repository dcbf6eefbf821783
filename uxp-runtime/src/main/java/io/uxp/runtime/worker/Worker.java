package io.uxp.runtime.worker;

import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramSlot;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-loop thread. It owns a set of connections: their datagrams arrive through a bounded queue from
 * the receive thread, work from other threads arrives as tasks, and each owned object's timer sits in an
 * indexed heap. A loop turn runs the tasks, then the queued datagrams, then {@link Scheduled#afterBatch}
 * for every object touched (one KCP flush for many inputs), then the due timers, and parks until the next
 * deadline or a wake-up. An object with no due timer costs nothing per turn: idle connections cost no CPU.
 *
 * <p>Thread confinement: everything but {@link #offer}, {@link #execute} and {@link #close} runs on the
 * worker's own thread. Handlers called from here must not block; a slow one delays only this worker.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Datagrams processed before the loop looks at tasks and timers again. */
    private static final int DATAGRAM_BATCH = 256;
    /** Due timers run before the loop looks at the queues again. */
    private static final int TIMER_BATCH = 4_096;

    private final Clock clock;
    private final ArrayBlockingQueue<DatagramSlot> inbound;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final TimerHeap timers = new TimerHeap();
    private final ArrayList<Scheduled> touched = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;

    /**
     * @param name the thread's name
     * @param clock the time source
     * @param queueCapacity datagrams the inbound queue holds before {@link #offer} refuses
     */
    public Worker(String name, Clock clock, int queueCapacity) {
        this.clock = clock;
        this.inbound = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a datagram for processing; called by a receive thread.
     *
     * @param slot the datagram with its target set
     * @return {@code false} if the queue is full (the caller drops and counts it)
     */
    public boolean offer(DatagramSlot slot) {
        if (!inbound.offer(slot)) {
            return false;
        }
        wake();
        return true;
    }

    /** @param task work to run on this worker's thread, after what is already queued */
    public void execute(Runnable task) {
        tasks.add(task);
        wake();
    }

    private void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs {@code task} on this worker and waits for its result, at most {@code timeoutMillis}; on the worker
     * itself it runs at once. For monitoring calls from other threads, never for the packet path.
     *
     * @param task the work
     * @param timeoutMillis the longest wait
     * @param <T> the result type
     * @return the result, or {@code null} if the worker did not answer in time (a blocked handler)
     */
    public <T> T call(java.util.function.Supplier<T> task, long timeoutMillis) {
        if (inWorker()) {
            return task.get();
        }
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        execute(() -> f.complete(task.get()));
        try {
            return f.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** @return whether the caller runs on this worker's thread */
    public boolean inWorker() {
        return Thread.currentThread() == thread;
    }

    /** @return datagrams waiting in the inbound queue */
    public int queued() {
        return inbound.size();
    }

    /**
     * Sets an owned object's deadline. Worker thread only.
     *
     * @param s the object
     * @param deadlineMillis when to call {@link Scheduled#onTimer}, in milliseconds; {@link Long#MAX_VALUE} for never
     */
    public void schedule(Scheduled s, long deadlineMillis) {
        scheduleMicros(s, deadlineMillis == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineMillis * 1_000L);
    }

    /**
     * Sets an owned object's deadline with microsecond precision (pacing). Worker thread only.
     *
     * @param s the object
     * @param deadlineMicros when to call {@link Scheduled#onTimer}, in microseconds of {@link Clock#nowMicros};
     *     {@link Long#MAX_VALUE} for never
     */
    public void scheduleMicros(Scheduled s, long deadlineMicros) {
        if (deadlineMicros != s.deadlineMicros) {
            timers.schedule(s, deadlineMicros);
        }
    }

    /** @param s an owned object to forget (no more timers). Worker thread only. */
    public void cancel(Scheduled s) {
        timers.remove(s);
    }

    /** @param s an owned object touched in this batch; its {@link Scheduled#afterBatch} runs once. Worker thread only. */
    public void markDirty(Scheduled s) {
        if (!s.dirty) {
            s.dirty = true;
            touched.add(s);
        }
    }

    /** @return the worker's clock */
    public Clock clock() {
        return clock;
    }

    private void run() {
        while (running) {
            try {
                turn();
            } catch (RuntimeException | Error e) {
                // A bug in one connection must not stop every other connection of this worker.
                LOG.error("worker {} caught an unexpected error; continuing", thread.getName(), e);
            }
        }
        DatagramSlot slot;
        while ((slot = inbound.poll()) != null) {
            slot.release();
        }
    }

    private void turn() {
        boolean worked = false;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
            worked = true;
        }
        long now = clock.nowMillis();
        DatagramSlot slot;
        for (int i = 0; i < DATAGRAM_BATCH && (slot = inbound.poll()) != null; i++) {
            slot.target.onDatagram(slot, now);
            worked = true;
        }
        runTouched(now);
        long nowMicros = clock.nowMicros();
        now = nowMicros / 1_000L;
        Scheduled due;
        // bounded, so that an object rescheduling itself for "now" cannot starve the queues
        for (int i = 0; i < TIMER_BATCH && (due = timers.peek()) != null && due.deadlineMicros <= nowMicros; i++) {
            timers.remove(due);
            due.onTimer(now);
            worked = true;
        }
        runTouched(now);
        if (worked) {
            return;
        }
        parked = true;
        if (inbound.isEmpty() && tasks.isEmpty() && running) {
            Scheduled next = timers.peek();
            if (next == null) {
                LockSupport.park(this);
            } else {
                long waitMicros = next.deadlineMicros - clock.nowMicros();
                if (waitMicros > 0) {
                    // parkNanos wakes within tens of microseconds on Linux: fine enough for pacing, no spinning
                    LockSupport.parkNanos(this, waitMicros * 1_000L);
                }
            }
        }
        parked = false;
    }

    private void runTouched(long now) {
        // afterBatch may mark further objects (a close that touches a server); index loop sees them too.
        for (int i = 0; i < touched.size(); i++) {
            Scheduled s = touched.get(i);
            s.dirty = false;
            s.afterBatch(now);
        }
        touched.clear();
    }

    /** Stops the thread after its current turn and waits for it a bounded time. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (!inWorker()) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
