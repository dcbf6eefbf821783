package io.uxp.runtime.worker;

import io.uxp.runtime.concurrent.MpscRing;
import io.uxp.runtime.concurrent.SpillingQueue;
import io.uxp.runtime.io.Clock;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.SlotPool;
import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop (the work, not the thread that runs it: {@link WorkerRunner} does, or a test that drives it in
 * virtual time). It owns a set of connections and the sockets it reads itself ({@link #register}: a client
 * connection's socket, one of a server's {@code SO_REUSEPORT} sockets); datagrams other threads route to it go
 * through a lock-free bounded ring, work from other threads arrives as tasks, and each owned object's timer sits in
 * an indexed heap. One {@link #doWork} turn runs the tasks, reads its ready sockets, runs the queued datagrams, then
 * {@link Scheduled#afterBatch} for every object touched (one KCP flush for many inputs), then the due timers, and
 * says how much it did; with nothing done, the runner waits until {@link #nextDeadlineMicros}, a datagram or a
 * wake-up. An object with no due timer costs nothing per turn: idle connections cost no CPU. Reading its own
 * sockets spares each datagram a hand-off from a receive thread and its wake-up. While the runner waits, a sending
 * thread may borrow the loop ({@link #tryBorrow}, {@link LoopHold}) to flush its message at once.
 *
 * <p>Thread confinement: everything but {@link #offer}, {@link #execute}, {@link #register}, {@link #unregister},
 * {@link #call}, {@link #tryBorrow} and {@link #close} runs on the thread bound to the loop ({@link #bind}: the
 * runner's, the test's while it drives the loop, or a borrower's until it gives the loop back). Handlers called
 * from here must not block; a slow one delays only this worker (and the reading of its sockets).
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Datagrams processed before the loop looks at tasks and timers again. */
    private static final int DATAGRAM_BATCH = 256;
    /** Due timers run before the loop looks at the queues again. */
    private static final int TIMER_BATCH = 4_096;
    /** Tasks the ring holds before they spill into the (allocating) overflow. */
    private static final int TASK_RING = 4_096;

    private final String name;
    private final Clock clock;
    private final MpscRing<DatagramSlot> inbound;
    private final SpillingQueue<Runnable> tasks = new SpillingQueue<>(TASK_RING);
    private final TimerHeap timers = new TimerHeap();
    private final ArrayList<Scheduled> touched = new ArrayList<>();
    /** The sockets this loop reads itself (see {@link #register}). */
    private final WorkerSockets sockets;
    /** The thread that runs the loop now; {@code null} while none does. */
    private volatile Thread owner;
    /** The runner's thread, if a runner runs this loop: stopped and joined by {@link #close}. */
    private volatile WorkerRunner runner;
    /** Set by the runner while it waits, so that producers know to wake it. */
    volatile boolean parked;
    /** The runner's thread ({@link #wake} unparks it, whoever holds the loop); {@code null} without a runner. */
    private volatile Thread runnerThread;
    /** Who runs the loop while the runner waits: a sending thread may borrow it ({@link #tryBorrow}). */
    private final LoopHold hold = new LoopHold();

    /**
     * A loop no thread runs yet: {@link WorkerRunner#start} gives it one, or a test drives it.
     *
     * @param name the loop's (and its thread's) name
     * @param clock the time source
     * @param queueCapacity datagrams the inbound queue holds before {@link #offer} refuses (rounded up to a power
     *     of two)
     */
    public Worker(String name, Clock clock, int queueCapacity) {
        this.name = name;
        this.clock = clock;
        this.inbound = new MpscRing<>(queueCapacity);
        this.sockets = new WorkerSockets(name, this::reclaim);
    }

    /**
     * A loop run by its own daemon thread.
     *
     * @param name the thread's name
     * @param clock the time source
     * @param queueCapacity as {@link #Worker(String, Clock, int)}
     * @return the started worker
     */
    public static Worker start(String name, Clock clock, int queueCapacity) {
        Worker w = new Worker(name, clock, queueCapacity);
        WorkerRunner.start(w);
        return w;
    }

    /** @return the loop's name */
    public String name() {
        return name;
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
                // as in doWork: a bug in one connection must not stop this worker reading its sockets
                LOG.error("worker {} caught an unexpected error; continuing", name, e);
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
            // both: the runner may be about to block in the selector or in park; each wake-up is remembered
            sockets.wakeup();
            Thread r = runnerThread;
            LockSupport.unpark(r != null ? r : owner);
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
        execute(sockets.registration(channel, to, pool, via));
    }

    /**
     * Stops reading {@code channel} (the caller closes it). Thread-safe.
     *
     * @param channel a channel given to {@link #register}
     */
    public void unregister(DatagramChannel channel) {
        Runnable r = () -> sockets.unregister(channel);
        if (inWorker()) {
            r.run();
        } else {
            execute(r);
        }
    }

    /**
     * Runs {@code task} on this worker and waits for its result, at most {@code timeoutMillis}; on the worker
     * itself, or on the caller while the worker waits (its loop lent, as for a send), it runs at once. For
     * monitoring calls from other threads, never for the packet path; {@code task} must not call handlers.
     *
     * @param task the work
     * @param timeoutMillis the longest wait
     * @param <T> the result type
     * @return the result, or {@code null} if the worker did not answer in time (a blocked handler)
     */
    public <T> T call(Supplier<T> task, long timeoutMillis) {
        if (inWorker()) {
            return task.get();
        }
        if (tryBorrow()) {
            try {
                return task.get();
            } finally {
                giveBack();
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> f.complete(task.get()));
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** @return whether the caller runs this loop now (the runner's thread, or a test driving it) */
    public boolean inWorker() {
        return Thread.currentThread() == owner;
    }

    /**
     * Makes {@code thread} the loop's thread: the runner's, once; a test's, while it drives the loop.
     *
     * @param thread the thread, or {@code null} for none
     */
    public void bind(Thread thread) {
        this.owner = thread;
    }

    void attach(WorkerRunner r, Thread thread) {
        this.runner = r;
        this.runnerThread = thread;
    }

    /** Runner only, before it waits for {@code deadlineMicros}: see {@link LoopHold#lend}. */
    void lend(long deadlineMicros) {
        hold.lend(deadlineMicros);
    }

    /** Runner only, before it touches the loop after a wait: see {@link LoopHold#reclaim}. */
    void reclaim() {
        hold.reclaim();
    }

    /**
     * Makes the calling thread the loop's thread if the runner waits and nobody else borrowed it: the caller may
     * then run work that belongs on the loop, but must not call handlers (it is some application thread, maybe
     * inside its own locks), and must {@link #giveBack} the loop soon.
     *
     * @return whether the caller holds the loop now; {@code false} when the runner is busy or absent (queue the
     *     work with {@link #execute} then)
     */
    public boolean tryBorrow() {
        if (!hold.tryBorrow()) {
            return false;
        }
        owner = Thread.currentThread();
        return true;
    }

    /**
     * Gives a borrowed loop back to its waiting runner, waking it if the borrower left it work sooner than the
     * deadline it waits for (a timer due earlier, an object marked to run after the batch). Borrower only.
     */
    public void giveBack() {
        owner = runnerThread;
        Scheduled next = timers.peek();
        boolean sooner = !touched.isEmpty() || (next != null && next.deadlineMicros < hold.awaitedMicros());
        hold.giveBack();
        if (sooner) {
            wake();
        }
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

    /**
     * One turn of the loop, on the bound thread: tasks, ready sockets, queued datagrams, the objects they touched,
     * then due timers. An exception from one connection is logged and the turn ends; the next turn goes on.
     *
     * @return the work done (tasks, socket reads, datagrams and timers); 0 when there was nothing to do
     */
    public int doWork() {
        try {
            return turn();
        } catch (RuntimeException | Error e) {
            // A bug in one connection must not stop every other connection of this worker.
            LOG.error("worker {} caught an unexpected error; continuing", name, e);
            return 1;
        }
    }

    private int turn() {
        int work = 0;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
            work++;
        }
        if (sockets.any()) {
            work += sockets.selectNow();
        }
        long now = clock.nowMillis();
        DatagramSlot slot;
        for (int i = 0; i < DATAGRAM_BATCH && (slot = inbound.poll()) != null; i++) {
            slot.target.onDatagram(slot, now);
            work++;
        }
        runTouched(now);
        long nowMicros = clock.nowMicros();
        now = nowMicros / 1_000L;
        Scheduled due;
        // bounded, so that an object rescheduling itself for "now" cannot starve the queues
        for (int i = 0; i < TIMER_BATCH && (due = timers.peek()) != null && due.deadlineMicros <= nowMicros; i++) {
            timers.remove(due);
            due.onTimer(now);
            work++;
        }
        runTouched(now);
        return work;
    }

    /**
     * @return the earliest timer's deadline in microseconds of the clock, or {@link Long#MAX_VALUE} if none;
     *     earlier than the clock's now when a turn is due already
     */
    public long nextDeadlineMicros() {
        Scheduled next = timers.peek();
        return next == null ? Long.MAX_VALUE : next.deadlineMicros;
    }

    /** @return whether datagrams or tasks wait (a turn has work even before any deadline) */
    public boolean hasQueuedWork() {
        return !inbound.isEmpty() || !tasks.isEmpty();
    }

    /** @return whether the loop reads sockets itself (its runner must then wake often enough to look at them) */
    boolean readsSockets() {
        return sockets.any();
    }

    /**
     * Waits in the selector for a datagram or a wake-up, reading what arrives. Runner only.
     *
     * @param timeoutMillis the longest wait; 0 for none
     */
    void select(long timeoutMillis) throws IOException {
        sockets.select(timeoutMillis);
    }

    /** Frees the datagrams still queued, once the loop has stopped. */
    void releaseQueued() {
        DatagramSlot slot;
        while ((slot = inbound.poll()) != null) {
            slot.release();
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

    /**
     * Stops the runner after its current turn and waits for it a bounded time, then frees the datagrams still
     * queued and closes the selector.
     */
    @Override
    public void close() {
        WorkerRunner r = runner;
        if (r != null) {
            r.stop(); // its thread frees the queued datagrams as it ends
        } else {
            releaseQueued();
        }
        sockets.close();
    }
}
