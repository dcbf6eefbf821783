package io.uxp.runtime.embedded;

import io.uxp.runtime.EmbeddedStart;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import io.uxp.runtime.worker.Worker;
import io.uxp.testkit.DatagramNetwork;
import io.uxp.testkit.LinkSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Whole UXP servers and clients (handshake, record protection, FEC, KCP, congestion control, timers, close and
 * path validation: the runtime's own code) on one thread, in virtual time, over an in-memory network of
 * {@link LinkSimulator}s: no threads, no sockets, no wall clock, in the manner of Netty's {@code EmbeddedChannel}.
 * The test builds endpoints with the public builders, then moves time: {@link #runFor}, {@link #runUntil}. Each
 * step runs every loop until none has work left at the current instant, then jumps to the next event (a timer or
 * a datagram's arrival), so a 30-second idle timeout takes as long as the few dozen turns it causes. Handlers run
 * on the test's thread, inside a step.
 *
 * <p>Deterministic: the links draw from seeds derived from the harness's, the endpoints' keys and connection IDs
 * come from seeded generators, and the order of work is fixed, so a seed repeats a run exactly.
 *
 * <p>Off the loops (between steps) the test is "another thread" to the runtime: {@code Connection.send} takes the
 * hand-off path, {@code close()} is queued. Calls that would wait for a loop ({@code Connection.stats()}) belong
 * in {@link #inside}; servers and clients are closed with {@link #close(UxpServer)} and {@link #close(UxpClient)}.
 */
public final class EmbeddedHarness {

    /** The server's address: 192.0.2.1 (TEST-NET-1), port 4433. */
    public static final InetSocketAddress SERVER = EmbeddedEnvironment.address(192, 0, 2, 1, 4433);
    /** Turns at one instant beyond which the harness calls it a livelock. */
    private static final int MAX_TURNS_PER_INSTANT = 100_000;

    private final VirtualClock clock = new VirtualClock();
    private final DatagramNetwork network;
    private final EmbeddedEnvironment environment;
    private long turns;

    /**
     * @param seed the run's seed
     * @param links makes each path's link from a seed derived from {@code seed} (for example
     *     {@code s -> LinkSimulator.builder().seed(s).delay(10, 10).loss(0.05).build()})
     */
    public EmbeddedHarness(long seed, LongFunction<LinkSimulator> links) {
        this.network = new DatagramNetwork(seed, links);
        this.environment = new EmbeddedEnvironment(clock, network, seed);
    }

    /** @return a harness whose paths all have {@code oneWayMillis} of delay and nothing else */
    public static EmbeddedHarness withDelay(long seed, int oneWayMillis) {
        return new EmbeddedHarness(seed, s -> LinkSimulator.builder().seed(s).delay(oneWayMillis, oneWayMillis).build());
    }

    /**
     * @param builder a configured builder; it is bound to {@link #SERVER}
     * @return the started server
     */
    public UxpServer server(UxpServer.Builder builder) {
        try {
            return EmbeddedStart.start(builder.bind(SERVER), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the built client */
    public UxpClient client(UxpClient.Builder builder) {
        return EmbeddedStart.build(builder, environment);
    }

    /** @return the network, to rebind a NAT or read the links' counters */
    public DatagramNetwork network() {
        return network;
    }

    /** @return the virtual time, in milliseconds (of the runtime's clock) */
    public long nowMillis() {
        return clock.nowMillis();
    }

    /** @return loop turns run so far */
    public long turns() {
        return turns;
    }

    /** Runs until {@code millis} of virtual time have passed. */
    public void runFor(long millis) {
        long end = clock.nowMicros() + millis * 1_000L;
        run(() -> false, end);
        clock.advanceTo(end);
    }

    /**
     * Runs until {@code condition} holds (checked after each instant's work) or {@code maxMillis} of virtual time
     * have passed.
     *
     * @return whether the condition holds
     */
    public boolean runUntil(BooleanSupplier condition, long maxMillis) {
        return run(condition, clock.nowMicros() + maxMillis * 1_000L);
    }

    /**
     * Runs until {@code future} completes, at most {@code maxMillis} of virtual time, and returns its value.
     *
     * @throws AssertionError if it did not complete in time
     */
    public <T> T await(CompletableFuture<T> future, long maxMillis) {
        if (!runUntil(future::isDone, maxMillis)) {
            throw new AssertionError("not done after " + maxMillis + " ms of virtual time");
        }
        return future.join();
    }

    /** Runs {@code action} as if on every loop (for calls that must run on a worker, such as a connection's stats). */
    public <T> T inside(Supplier<T> action) {
        Thread me = Thread.currentThread();
        for (Worker w : environment.workers()) {
            w.bind(me);
        }
        try {
            return action.get();
        } finally {
            for (Worker w : environment.workers()) {
                w.bind(null);
            }
        }
    }

    /** Closes a server as {@link UxpServer#close()} does, in virtual time (at most 10 s of it). */
    public void close(UxpServer server) {
        CompletableFuture<Void> all = EmbeddedStart.endpoint(server).beginClose();
        if (all != null) {
            runUntil(all::isDone, 10_000);
            EmbeddedStart.endpoint(server).finishClose();
        }
    }

    /** Closes a client as {@link UxpClient#close()} does, in virtual time (at most its flush timeout + 2 s). */
    public void close(UxpClient client) {
        CompletableFuture<Void> all = EmbeddedStart.endpoint(client).beginClose();
        runUntil(all::isDone, 60_000);
        EmbeddedStart.endpoint(client).finishClose();
    }

    private boolean run(BooleanSupplier condition, long endMicros) {
        for (;;) {
            settle();
            if (condition.getAsBoolean()) {
                return true;
            }
            long next = network.nextDeliveryMicros();
            for (Worker w : environment.workers()) {
                // the condition may have queued work (a send from "another thread"): run it at this instant
                next = Math.min(next, w.hasQueuedWork() ? clock.nowMicros() : w.nextDeadlineMicros());
            }
            if (next > endMicros) {
                return false;
            }
            clock.advanceTo(Math.max(next, clock.nowMicros()));
        }
    }

    /** Delivers what is due and turns every loop until nothing is left to do at this instant. */
    private void settle() {
        Thread me = Thread.currentThread();
        for (int i = 0; ; i++) {
            if (i == MAX_TURNS_PER_INSTANT) {
                throw new IllegalStateException("livelock: the loops keep working at t=" + clock.nowMicros() + " us");
            }
            int work = network.deliverDue(clock.nowMicros());
            for (Worker w : environment.workers()) {
                w.bind(me);
                try {
                    work += w.doWork();
                } finally {
                    w.bind(null);
                }
                turns++;
            }
            boolean queued = false;
            for (Worker w : environment.workers()) {
                queued |= w.hasQueuedWork();
            }
            if (work == 0 && !queued) {
                return;
            }
        }
    }
}
