package io.uxp.cc.bbr.sim;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test harness: {@link SimFlow}s whose senders sit at {@link Side#A} and receivers at {@link Side#B} of ONE
 * {@link LinkSimulator}, so every flow's data shares the A-to-B bottleneck and every flow's acknowledgements share
 * the way back. Datagrams are told apart by the conversation id in their first four bytes (little-endian, as KCP
 * writes it). Each datagram is padded by {@link #UXP_OVERHEAD_BYTES} in front, standing for the record header,
 * FEC header and AEAD tag UXP adds, so the bottleneck serializes what a real UXP packet would occupy.
 *
 * <p>An engine that took input is flushed once after the step's deliveries, as the runtime's connection does after
 * a batch of datagrams, so acknowledgements leave at once rather than at the next update interval.
 *
 * <p>Driven from event to event in virtual microseconds: the next delivery, the next engine {@code check()}, the
 * next 10 ms sample or the next flow start, whichever is first; a simulated minute costs a few seconds. Samples
 * taken every {@link #SAMPLE_INTERVAL_MICROS} after {@link #mark()} record the bottleneck's queue in bytes.
 */
final class Dumbbell {
    /** Bytes UXP adds around a KCP datagram on the wire (record header, FEC header, AEAD tag), approximately. */
    static final int UXP_OVERHEAD_BYTES = 40;
    /** KCP segment header (reference IKCP_OVERHEAD). */
    static final int KCP_HEADER_BYTES = 24;
    /** How often the queue is sampled, in virtual microseconds (the brief's every 10 ms). */
    static final long SAMPLE_INTERVAL_MICROS = 10_000;
    /** The sender keeps this many windows' worth of segments queued, so it is never application-limited. */
    static final int TOP_UP_WINDOWS = 2;

    /** Engines that took input in this step; flushed once after the step's deliveries, as the runtime does. */
    private final Set<KcpEngine> touched = new LinkedHashSet<>();
    final LinkSimulator link;
    final List<SimFlow> flows = new ArrayList<>();
    private final Map<Integer, SimFlow> byConv = new HashMap<>();
    private final boolean corrupting;
    private final byte[] padded;
    private long nowMicros;
    private long steps;
    private long nextSampleMicros;

    private boolean measuring;
    private long markMicros;
    private long[] markPayloadBytes = new long[0];
    private long markQueueDrops;
    private long peakQueuedSinceMark;
    private long[] queueSamples = new long[1024];
    private int queueSampleCount;

    /**
     * @param link the shared link; the data direction is A to B
     * @param config every engine's settings
     * @param provider makes the sender's congestion controller (the receiver's too, though it sends only acks)
     * @param startMicros when each flow starts sending, one entry per flow
     * @param seed seeds the flows' message patterns
     * @param messageLimit messages each flow sends, {@link Long#MAX_VALUE} for always having data
     */
    Dumbbell(LinkSimulator link, KcpConfig config, CongestionControlProvider provider, long[] startMicros, long seed,
            long messageLimit) {
        this.link = link;
        this.corrupting = link.impairment(Side.A).corrupt() > 0 || link.impairment(Side.B).corrupt() > 0;
        this.padded = new byte[UXP_OVERHEAD_BYTES + config.mtuBytes()];
        for (int i = 0; i < startMicros.length; i++) {
            int conv = 0x5100 + i;
            CongestionController controller = provider.newController(config.mssBytes());
            KcpEngine sender = new KcpEngine(conv, config, controller, (buf, off, len) -> put(Side.A, buf, off, len));
            KcpEngine receiver = new KcpEngine(conv, config, provider.newController(config.mssBytes()),
                    (buf, off, len) -> put(Side.B, buf, off, len));
            SimFlow flow = new SimFlow(conv, sender, controller, receiver, startMicros[i], TOP_UP_WINDOWS * config.sendWindow(),
                    seed, messageLimit);
            flows.add(flow);
            byConv.put(conv, flow);
        }
    }

    /** @return the current virtual time, in microseconds */
    long nowMicros() {
        return nowMicros;
    }

    /** @return event steps taken so far */
    long steps() {
        return steps;
    }

    private void put(Side from, byte[] buf, int off, int len) {
        System.arraycopy(buf, off, padded, UXP_OVERHEAD_BYTES, len);
        link.sendMicros(from, padded, 0, UXP_OVERHEAD_BYTES + len, nowMicros);
        if (measuring && from == Side.A) {
            // the queue is at its fullest right after an arrival, so this sees the exact peak
            peakQueuedSinceMark = Math.max(peakQueuedSinceMark, link.queuedBytes(Side.A, nowMicros));
        }
    }

    private void arrive(Side to, byte[] buf, int off, int len) {
        int at = off + UXP_OVERHEAD_BYTES;
        int conv = (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
        SimFlow flow = byConv.get(conv);
        if (flow == null) {
            if (corrupting) {
                return; // a flipped bit in the conv field: a real receiver would drop it too
            }
            throw new AssertionError("datagram for unknown conversation " + conv);
        }
        KcpEngine engine = to == Side.B ? flow.receiver : flow.sender;
        int rc = engine.input(buf, at, len - UXP_OVERHEAD_BYTES, nowMicros);
        touched.add(engine);
        if (rc < 0 && !corrupting) {
            throw new AssertionError("flow " + conv + ": input refused a datagram: " + rc);
        }
    }

    /**
     * Runs until the virtual clock reaches {@code untilMicros}.
     *
     * @param untilMicros when to stop, in virtual microseconds
     * @param maxSteps bound on event steps, so a bug that stalls time fails instead of spinning
     */
    void runUntil(long untilMicros, long maxSteps) {
        long stepLimit = steps + maxSteps;
        while (nowMicros < untilMicros) {
            if (steps++ >= stepLimit) {
                throw new AssertionError("more than " + maxSteps + " steps before " + untilMicros + " us (at "
                        + nowMicros + " us)");
            }
            step();
            nowMicros = Math.min(untilMicros, Math.max(nowMicros + 1, nextEventMicros()));
        }
    }

    /** @return whether every flow has received every message it was given to send */
    boolean allDelivered() {
        for (SimFlow f : flows) {
            if (f.messagesReceived() < f.messagesQueued() || f.sender.waitingToSend() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs until every flow's messages have arrived or {@code untilMicros}, whichever is first.
     *
     * @return whether every message arrived
     */
    boolean runUntilDelivered(long untilMicros, long maxSteps) {
        long stepLimit = steps + maxSteps;
        while (nowMicros < untilMicros && steps < stepLimit) {
            steps++;
            step();
            if (nowMicros >= lastStartMicros() && allDelivered()) {
                return true;
            }
            nowMicros = Math.min(untilMicros, Math.max(nowMicros + 1, nextEventMicros()));
        }
        return allDelivered();
    }

    private long lastStartMicros() {
        long last = 0;
        for (SimFlow f : flows) {
            last = Math.max(last, f.startMicros);
        }
        return last;
    }

    private void step() {
        for (SimFlow f : flows) {
            f.topUp(nowMicros);
        }
        link.deliverDueMicros(nowMicros, this::arrive);
        for (KcpEngine e : touched) {
            e.flush(nowMicros);
        }
        touched.clear();
        for (SimFlow f : flows) {
            if (nowMicros >= f.startMicros) {
                updateIfDue(f.sender);
                updateIfDue(f.receiver);
            }
            f.drain();
        }
        while (nextSampleMicros <= nowMicros) {
            if (measuring) {
                sampleQueue();
            }
            nextSampleMicros += SAMPLE_INTERVAL_MICROS;
        }
    }

    private void updateIfDue(KcpEngine engine) {
        if (engine.check(nowMicros) <= nowMicros) {
            engine.update(nowMicros);
        }
    }

    private long nextEventMicros() {
        long next = Math.min(link.nextDeliveryMicros(), nextSampleMicros);
        for (SimFlow f : flows) {
            if (nowMicros < f.startMicros) {
                next = Math.min(next, f.startMicros);
            } else {
                next = Math.min(next, Math.min(f.sender.check(nowMicros), f.receiver.check(nowMicros)));
            }
        }
        return next;
    }

    private void sampleQueue() {
        if (queueSampleCount == queueSamples.length) {
            queueSamples = Arrays.copyOf(queueSamples, queueSamples.length * 2);
        }
        queueSamples[queueSampleCount++] = link.queuedBytes(Side.A, nowMicros);
    }

    /** Starts a measurement: goodput, queue drops, the queue's peak and its samples count from now. */
    void mark() {
        measuring = true;
        markMicros = nowMicros;
        markPayloadBytes = new long[flows.size()];
        for (int i = 0; i < flows.size(); i++) {
            markPayloadBytes[i] = flows.get(i).payloadBytesReceived();
        }
        markQueueDrops = link.queueDrops(Side.A);
        peakQueuedSinceMark = link.queuedBytes(Side.A, nowMicros);
        queueSampleCount = 0;
    }

    /**
     * @param flow index of a flow
     * @return its application bytes received since {@link #mark()}, as bits per second of virtual time
     */
    double goodputBitsPerSecond(int flow) {
        long bytes = flows.get(flow).payloadBytesReceived() - markPayloadBytes[flow];
        return bytes * 8.0 * 1e6 / (nowMicros - markMicros);
    }

    /** @return datagrams the bottleneck queue dropped since {@link #mark()} */
    long queueDropsSinceMark() {
        return link.queueDrops(Side.A) - markQueueDrops;
    }

    /** @return the most bytes queued at the bottleneck at once since {@link #mark()} */
    long peakQueuedBytesSinceMark() {
        return peakQueuedSinceMark;
    }

    /**
     * @param quantile in {@code [0, 1]}
     * @return that quantile of the queue samples since {@link #mark()}, in bytes
     */
    long queueQuantileBytes(double quantile) {
        if (queueSampleCount == 0) {
            throw new AssertionError("no queue samples: was mark() called and time advanced?");
        }
        long[] sorted = Arrays.copyOf(queueSamples, queueSampleCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    /** @return how many queue samples were taken since {@link #mark()} */
    int queueSampleCount() {
        return queueSampleCount;
    }
}
