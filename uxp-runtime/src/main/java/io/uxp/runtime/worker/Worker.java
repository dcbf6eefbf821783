package io.uxp.runtime.worker;

import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramReads;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import io.uxp.runtime.concurrent.MpscRing;
import io.uxp.runtime.concurrent.SpillingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-loop thread. It owns a set of connections and the sockets it reads itself ({@link #register}: a
 * client connection's socket, one of a server's {@code SO_REUSEPORT} sockets); their datagrams, and those other
 * threads route to it, go through a bounded queue; work from other threads arrives as tasks, and each owned
 * object's timer sits in an indexed heap. A loop turn runs the tasks, reads its ready sockets, runs the queued
 * datagrams, then {@link Scheduled#afterBatch} for every object touched (one KCP flush for many inputs), then the
 * due timers, and waits until the next deadline, a datagram or a wake-up: in the selector when the deadline is
 * at least a millisecond away or there is none, else parked for the sub-millisecond rest (pacing), which a
 * datagram then waits out. An object with no due timer costs nothing per turn: idle connections cost no CPU.
 * Reading its own sockets spares each datagram a hand-off from a receive thread and its wake-up.
 *
 * <p>Thread confinement: everything but {@link #offer}, {@link #execute}, {@link #register}, {@link #unregister} and
 * {@link #close} runs on the worker's own thread. Handlers called from here must not block; a slow one delays only this
 * worker (and the reading of its sockets).
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Datagrams processed before the loop looks at tasks and timers again. */
    private static final int DATAGRAM_BATCH = 256;
    /** Due timers run before the loop looks at the queues again. */
    private static final int TIMER_BATCH = 4_096;
    /** Largest datagram read from a socket: the largest UDP payload over IPv4 (65,535 - 20 - 8). */
    private static final int MAX_DATAGRAM_BYTES = 65_507;
    private static final long MICROS_PER_MILLI = 1_000L;
    /**
     * Longest park, with sockets to read and a deadline under a millisecond away (the selector counts whole
     * milliseconds): the loop looks at its sockets again after this, so a datagram waits at most about this long
     * (plus the kernel's timer slack) behind a sub-millisecond timer.
     */
    private static final long SOCKET_POLL_MICROS = 50;

    private final Clock clock;
    /** Tasks the ring holds before they spill into the (allocating) overflow. */
    private static final int TASK_RING = 4_096;

    private final MpscRing<DatagramSlot> inbound;
    private final SpillingQueue<Runnable> tasks = new SpillingQueue<>(TASK_RING);
    private final TimerHeap timers = new TimerHeap();
    private final ArrayList<Scheduled> touched = new ArrayList<>();
    private final Thread thread;
    private final Selector selector;
    private final DatagramReads reads;
    private final java.util.function.Consumer<SelectionKey> onReady;
    /** Sockets this worker reads; worker thread only. */
    private int registered;
    private volatile boolean running = true;
    private volatile boolean parked;

    /**
     * @param name the thread's name
     * @param clock the time source
     * @param queueCapacity datagrams the inbound queue holds before {@link #offer} refuses (rounded up to a power
     *     of two)
     */
    public Worker(String name, Clock clock, int queueCapacity) {
        this.clock = clock;
        this.inbound = new MpscRing<>(queueCapacity);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for worker " + name, e);
        }
        this.reads = new DatagramReads(MAX_DATAGRAM_BYTES);
        this.onReady = key -> reads.read(key);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands a datagram to this worker; called by whoever read it (a receive thread, this or another worker). On
     * this worker (it read its own socket) the datagram is processed at once, without the queue; from another
     * thread it goes into the lock-free inbound ring.
     *
     * @param slot the datagram with its target set
     * @return {@code false} if the queue is full (the caller drops and counts it)
     */
    public boolean offer(DatagramSlot slot) {
        if (inWorker()) {
            try {
                slot.target.onDatagram(slot, clock.nowMillis());
            } catch (RuntimeException | Error e) {
                // as in run(): a bug in one connection must not stop this worker reading its sockets
                LOG.error("worker {} caught an unexpected error; continuing", thread.getName(), e);
            }
            return true;
        }
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
            // both: the worker may be about to block in the selector or in park; each wake-up is remembered
            selector.wakeup();
            LockSupport.unpark(thread);
        }
    }

    /**
     * Reads {@code channel} on this worker from now on: each datagram goes to {@code inbound} on this thread (which
     * queues it here or routes it to another worker). The channel is made non-blocking and its buffers enlarged.
     * Thread-safe; the registration itself happens on the worker.
     *
     * @param channel a datagram channel
     * @param to where its datagrams go; told of a channel error
     * @param pool where slots come from
     * @param via stamped on each slot as {@link DatagramSlot#via}
     * @throws IOException if the channel cannot be made non-blocking
     */
    public void register(DatagramChannel channel, Inbound to, SlotPool pool, int via) throws IOException {
        channel.configureBlocking(false);
        ReceiveLoop.enlargeBuffers(channel);
        DatagramReads.Source source = new DatagramReads.Source(to, pool, via);
        execute(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, source);
                registered++;
            } catch (IOException | RuntimeException e) {
                to.onChannelError(e);
            }
        });
    }

    /**
     * Stops reading {@code channel} (the caller closes it). Thread-safe.
     *
     * @param channel a channel given to {@link #register}
     */
    public void unregister(DatagramChannel channel) {
        Runnable r = () -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null && key.isValid()) {
                key.cancel();
                registered--;
            }
        };
        if (inWorker()) {
            r.run();
        } else {
            execute(r);
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
        if (registered > 0) {
            worked |= selectNow();
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
            long waitMicros = next == null ? Long.MAX_VALUE : next.deadlineMicros - clock.nowMicros();
            if (waitMicros > 0) {
                await(waitMicros);
            }
        }
        parked = false;
    }

    /**
     * Waits up to {@code waitMicros} ({@code Long.MAX_VALUE}: no deadline) for a datagram on the sockets or a
     * wake-up. The selector counts in milliseconds, so a shorter rest parks (parkNanos wakes within tens of
     * microseconds on Linux: fine enough for pacing, without spinning).
     */
    private void await(long waitMicros) {
        if (registered == 0 || waitMicros < MICROS_PER_MILLI) {
            if (waitMicros == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                // with sockets to read, park at most a polling slice: a datagram then waits that long, not the rest
                long slice = registered == 0 ? waitMicros : Math.min(waitMicros, SOCKET_POLL_MICROS);
                LockSupport.parkNanos(this, slice * 1_000L);
            }
            return;
        }
        try {
            selector.select(onReady, waitMicros == Long.MAX_VALUE ? 0 : waitMicros / MICROS_PER_MILLI);
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.warn("worker {}: its selector failed: {}", thread.getName(), e.toString());
                LockSupport.parkNanos(this, Math.min(waitMicros, 10 * MICROS_PER_MILLI) * 1_000L);
            }
        }
    }

    /** @return whether any registered socket had datagrams (read and handed to their inbound) */
    private boolean selectNow() {
        try {
            return selector.selectNow(onReady) > 0;
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.warn("worker {}: its selector failed: {}", thread.getName(), e.toString());
            }
            return false;
        }
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
        selector.wakeup();
        LockSupport.unpark(thread);
        if (!inWorker()) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing worker {}'s selector: {}", thread.getName(), e.toString());
        }
    }
}
