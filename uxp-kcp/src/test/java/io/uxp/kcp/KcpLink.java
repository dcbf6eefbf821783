package io.uxp.kcp;

import io.uxp.api.spi.CongestionController;
import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.kcp.cc.KcpCongestionProvider;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test harness: two engines joined by a {@link LinkSimulator}, driven in virtual time from event to event (next
 * due update or delivery), so a simulated hour costs milliseconds. Endpoint A sends, B receives. The engines run
 * on microseconds ({@link #now}); the simulator runs on its own unit, milliseconds unless the link was built with
 * {@code simUnitMicros = 1}, in which case its delays are microseconds too. Time advances by at least one unit of
 * the simulator per step.
 */
final class KcpLink {
    static final int CONV = 0x11223344;
    static final long MICROS_PER_MILLI = 1_000;

    final LinkSimulator sim;
    final KcpEngine a;
    final KcpEngine b;
    final List<byte[]> received = new ArrayList<>();
    /** When not {@code null}, every datagram put on the link as {@code timeMicros side hex}. */
    List<String> trace;
    /** Whether {@link #run} compares each engine's check with a fresh scan after every step (the scan cache). */
    boolean verifyScanCache;
    /** How many comparisons {@link #verifyScanCache} made. */
    long scanChecks;
    /** Whether {@link #run} advances one millisecond at a time, updating both engines at every step. */
    boolean everyMillisecond;
    /** Whether {@link #run} lets B's application read right after each delivery, before B flushes its ACKs. */
    boolean readBeforeFlush;
    /** Virtual time, in microseconds. */
    long now;
    private final long simUnitMicros;
    private final byte[] scratch;

    KcpLink(LinkSimulator sim, KcpConfig config, boolean congestionControl, long startMillis) {
        this(sim, config, controller(congestionControl, config), controller(congestionControl, config),
                MICROS_PER_MILLI, startMillis * MICROS_PER_MILLI);
    }

    /**
     * @param simUnitMicros microseconds per unit of the simulator's clock (1000: its delays are milliseconds)
     * @param startMicros the virtual time to start at
     */
    KcpLink(LinkSimulator sim, KcpConfig config, CongestionController ccA, CongestionController ccB,
            long simUnitMicros, long startMicros) {
        this.sim = sim;
        this.now = startMicros;
        this.simUnitMicros = simUnitMicros;
        this.a = new KcpEngine(CONV, config, ccA, (buf, off, len) -> put(Side.A, buf, off, len));
        this.b = new KcpEngine(CONV, config, ccB, (buf, off, len) -> put(Side.B, buf, off, len));
        this.scratch = new byte[Math.max(1 << 16, config.mssBytes() * 256)];
    }

    private void put(Side from, byte[] buf, int off, int len) {
        if (trace != null) {
            trace.add(now + " " + from + " " + java.util.HexFormat.of().formatHex(buf, off, off + len));
        }
        sim.send(from, buf, off, len, Math.floorDiv(now, simUnitMicros));
    }

    static CongestionController controller(boolean cc, KcpConfig config) {
        return cc ? new KcpCongestionProvider().newController(config.mssBytes())
                : new FixedCongestionProvider().newController(config.mssBytes());
    }

    KcpEngine engine(Side side) {
        return side == Side.A ? a : b;
    }

    private long nextDeliveryMicros() {
        long next = sim.nextDeliveryMillis();
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : next * simUnitMicros;
    }

    private void deliverDue(boolean checked) {
        sim.deliverDue(Math.floorDiv(now, simUnitMicros), (to, buf, off, len) -> {
            int rc = engine(to).input(buf, off, len, now);
            if (checked && rc != KcpEngine.OK && sim.impairment(to.opposite()).corrupt() == 0) {
                throw new AssertionError("input refused a datagram: " + rc);
            }
        });
    }

    /**
     * Runs until {@code done} holds or a bound is hit, feeding {@code pending} messages to A while its queue
     * stays under {@code queueLimit} segments and collecting what B receives.
     *
     * @return whether {@code done} became true within the bounds
     */
    boolean run(List<byte[]> pending, int queueLimit, java.util.function.BooleanSupplier done, long maxVirtualMillis,
            int maxSteps) {
        long deadline = now + maxVirtualMillis * MICROS_PER_MILLI;
        int next = 0;
        for (int step = 0; step < maxSteps && now <= deadline; step++) {
            while (next < pending.size() && a.waitingToSend() < queueLimit) {
                byte[] m = pending.get(next++);
                if (a.send(m, 0, m.length) != KcpEngine.OK) {
                    throw new AssertionError("send refused a message of " + m.length + " bytes");
                }
            }
            deliverDue(true);
            if (readBeforeFlush) {
                drain();
            }
            if (everyMillisecond || a.check(now) <= now) {
                a.update(now);
            }
            if (everyMillisecond || b.check(now) <= now) {
                b.update(now);
            }
            drain();
            if (verifyScanCache) {
                verifyScan(a);
                verifyScan(b);
            }
            if (done.getAsBoolean() && next == pending.size()) {
                return true;
            }
            long wake = Math.min(Math.min(a.check(now), b.check(now)), nextDeliveryMicros());
            now = everyMillisecond ? now + MICROS_PER_MILLI : Math.max(now + simUnitMicros, wake);
        }
        return false;
    }

    /** Runs like {@link #run} with nothing to feed and without receiving at B, until {@code done} holds. */
    boolean runWithoutDraining(java.util.function.BooleanSupplier done, long maxVirtualMillis, int maxSteps) {
        long deadline = now + maxVirtualMillis * MICROS_PER_MILLI;
        for (int step = 0; step < maxSteps && now <= deadline; step++) {
            deliverDue(false);
            if (a.check(now) <= now) {
                a.update(now);
            }
            if (b.check(now) <= now) {
                b.update(now);
            }
            if (done.getAsBoolean()) {
                return true;
            }
            long wake = Math.min(Math.min(a.check(now), b.check(now)), nextDeliveryMicros());
            now = Math.max(now + simUnitMicros, wake);
        }
        return false;
    }

    private void verifyScan(KcpEngine e) {
        long cached = e.check(now);
        long fresh = e.checkRescanned(now);
        if (cached != fresh) {
            throw new AssertionError("check at " + now + " us: cached scan " + cached + ", fresh scan " + fresh);
        }
        scanChecks++;
    }

    void drain() {
        for (int n = b.receive(scratch, 0, scratch.length); n >= 0; n = b.receive(scratch, 0, scratch.length)) {
            received.add(Arrays.copyOf(scratch, n));
        }
    }
}
