package io.uxp.testkit;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic, in-memory datagram link between two endpoints, {@link Side#A} and {@link Side#B}, driven by
 * virtual time. Each direction drops, delays (uniformly in a range, so jitter reorders), duplicates, holds back
 * and optionally corrupts datagrams according to its {@link Impairment}, drawing from a
 * {@link SplittableRandom} seeded by the builder's seed. Datagrams due at the same instant are delivered in the
 * order they were scheduled, so a run with the same seed and the same calls repeats exactly.
 *
 * <p>A direction may also have a {@link Bottleneck}: every datagram sent first queues behind those not yet
 * serialized and leaves at {@code max(arrival, previous departure) + len * 8 / rate}, or is dropped if the bytes
 * waiting plus its own would exceed the queue (drop-tail, counted by {@link #queueDrops(Side)}, not as loss).
 * Random loss, delay, reorder, duplication and corruption then apply from the departure, as on a lossy link
 * behind a router. Without a bottleneck a datagram departs the instant it is sent, and the random draws are
 * exactly those of a simulator that had no bottlenecks.
 *
 * <p>Time is virtual microseconds ({@link #sendMicros}, {@link #deliverDueMicros}, {@link #nextDeliveryMicros});
 * the millisecond methods are wrappers that multiply by 1000. Delays are configured in milliseconds.
 *
 * <p>Test support: it copies every datagram and allocates freely. Not thread-safe; one owner.
 *
 * <pre>{@code
 * LinkSimulator sim = LinkSimulator.builder().seed(7).loss(0.1).delay(5, 40).duplicate(0.01).reorder(0.05).build();
 * sim.send(Side.A, bytes, 0, bytes.length, now);
 * sim.deliverDue(now + 50, (to, buf, off, len) -> endpoint(to).input(buf, off, len));
 * }</pre>
 */
public final class LinkSimulator {

    /** One end of the link. */
    public enum Side {
        /** The first endpoint. */
        A,
        /** The second endpoint. */
        B;

        /** @return the other end */
        public Side opposite() {
            return this == A ? B : A;
        }
    }

    /** Receives the datagrams {@link #deliverDue} hands out. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * @param to the side the datagram arrives at
         * @param buf a buffer holding the datagram; the receiver may keep or modify it
         * @param off start of the datagram
         * @param len length of the datagram
         */
        void receive(Side to, byte[] buf, int off, int len);
    }

    private static final long MICROS_PER_MILLI = 1000L;

    /** Bound of one {@link #deliverDue} call, so two receivers answering each other with no delay cannot spin. */
    private static final int MAX_DELIVERIES_PER_CALL = 1_000_000;

    private record Scheduled(long dueMicros, long order, Side to, byte[] data) {
    }

    /** Counters of one direction, indexed by the sending side. */
    private static final class Counts {
        long sent;
        long lost;
        long delivered;
    }

    private final Map<Side, Impairment> impairments;
    private final Map<Side, Bottleneck> bottlenecks;
    private final Map<Side, BottleneckQueue> bottleneckQueues = new EnumMap<>(Side.class);
    private final Map<Side, Counts> counts = new EnumMap<>(Side.class);
    private final Map<Side, SplittableRandom> randoms = new EnumMap<>(Side.class);
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((x, y) -> x.dueMicros != y.dueMicros
            ? Long.compare(x.dueMicros, y.dueMicros) : Long.compare(x.order, y.order));
    private long order;
    private long duplicated;
    private long reordered;
    private long corrupted;

    LinkSimulator(long seed, Map<Side, Impairment> impairments, Map<Side, Bottleneck> bottlenecks) {
        this.impairments = new EnumMap<>(impairments);
        this.bottlenecks = new EnumMap<>(bottlenecks);
        for (Side side : Side.values()) {
            counts.put(side, new Counts());
            bottleneckQueues.put(side, new BottleneckQueue(bottlenecks.get(side)));
        }
        SplittableRandom root = new SplittableRandom(seed);
        // one independent stream per direction, so traffic in one direction does not shift the other's draws
        randoms.put(Side.A, root.split());
        randoms.put(Side.B, root.split());
    }

    /** @return a builder for a perfect link with seed 0 */
    public static LinkSimulatorBuilder builder() {
        return new LinkSimulatorBuilder();
    }

    /**
     * Puts a datagram on the link; the bytes are copied.
     *
     * @param from the sending side; the datagram travels to {@code from.opposite()}
     * @param buf the buffer holding the datagram
     * @param off start of the datagram
     * @param len length of the datagram
     * @param nowMillis the current virtual time in milliseconds
     */
    public void send(Side from, byte[] buf, int off, int len, long nowMillis) {
        sendMicros(from, buf, off, len, toMicros(nowMillis));
    }

    /**
     * Puts a datagram on the link; the bytes are copied.
     *
     * @param from the sending side; the datagram travels to {@code from.opposite()}
     * @param buf the buffer holding the datagram
     * @param off start of the datagram
     * @param len length of the datagram
     * @param nowMicros the current virtual time in microseconds, never earlier than a previous send's
     */
    public void sendMicros(Side from, byte[] buf, int off, int len, long nowMicros) {
        Objects.requireNonNull(from, "from");
        Objects.checkFromIndexSize(off, len, buf.length);
        Impairment imp = impairments.get(from);
        SplittableRandom random = randoms.get(from);
        Counts c = counts.get(from);
        c.sent++;
        long departureMicros = nowMicros;
        if (bottlenecks.get(from).limits()) {
            departureMicros = bottleneckQueues.get(from).admit(len, nowMicros);
            if (departureMicros < 0) {
                return;
            }
        }
        if (random.nextDouble() < imp.loss()) {
            c.lost++;
            return;
        }
        schedule(from, imp, random, Arrays.copyOfRange(buf, off, off + len), departureMicros);
        if (random.nextDouble() < imp.duplicate()) {
            duplicated++;
            schedule(from, imp, random, Arrays.copyOfRange(buf, off, off + len), departureMicros);
        }
    }

    private void schedule(Side from, Impairment imp, SplittableRandom random, byte[] data, long departureMicros) {
        long delayMillis = imp.minDelayMillis() == imp.maxDelayMillis() ? imp.minDelayMillis()
                : random.nextLong(imp.minDelayMillis(), imp.maxDelayMillis() + 1L);
        if (random.nextDouble() < imp.reorder()) {
            reordered++;
            delayMillis += random.nextLong(1, imp.reorderHoldMillis() + 1L);
        }
        if (data.length > 0 && random.nextDouble() < imp.corrupt()) {
            corrupted++;
            int bit = random.nextInt(data.length * 8);
            data[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        queue.add(new Scheduled(departureMicros + delayMillis * MICROS_PER_MILLI, order++, from.opposite(), data));
    }

    /** Milliseconds to microseconds, saturating so that {@code Long.MAX_VALUE - 1} still means "forever". */
    private static long toMicros(long millis) {
        if (millis >= Long.MAX_VALUE / MICROS_PER_MILLI) {
            return Long.MAX_VALUE;
        }
        return millis <= Long.MIN_VALUE / MICROS_PER_MILLI ? Long.MIN_VALUE : millis * MICROS_PER_MILLI;
    }

    /**
     * Delivers, in time order, every datagram due at or before {@code nowMillis}, including datagrams the
     * receiver sends during this call that are due by then.
     *
     * @param nowMillis the current virtual time in milliseconds
     * @param receiver gets each datagram
     * @return how many datagrams were delivered
     * @throws IllegalStateException if more than a million datagrams come due in one call (receivers that keep
     *     answering each other with zero delay)
     */
    public int deliverDue(long nowMillis, Receiver receiver) {
        return deliverDueMicros(toMicros(nowMillis), receiver);
    }

    /**
     * Delivers, in time order, every datagram due at or before {@code nowMicros}, including datagrams the
     * receiver sends during this call that are due by then.
     *
     * @param nowMicros the current virtual time in microseconds
     * @param receiver gets each datagram
     * @return how many datagrams were delivered
     * @throws IllegalStateException if more than a million datagrams come due in one call
     */
    public int deliverDueMicros(long nowMicros, Receiver receiver) {
        int count = 0;
        while (!queue.isEmpty() && queue.peek().dueMicros <= nowMicros) {
            if (count == MAX_DELIVERIES_PER_CALL) {
                throw new IllegalStateException("more than " + MAX_DELIVERIES_PER_CALL + " datagrams due at "
                        + nowMicros + " us; do the receivers answer each other with zero delay? give the link a delay");
            }
            Scheduled s = queue.poll();
            counts.get(s.to.opposite()).delivered++;
            count++;
            receiver.receive(s.to, s.data, 0, s.data.length);
        }
        return count;
    }

    /**
     * @return the millisecond by which the next datagram is due (its due time rounded up, so
     *     {@code deliverDue(nextDeliveryMillis())} delivers it), or {@link Long#MAX_VALUE} if none is in flight
     */
    public long nextDeliveryMillis() {
        long due = nextDeliveryMicros();
        return due == Long.MAX_VALUE ? Long.MAX_VALUE : -Math.floorDiv(-due, MICROS_PER_MILLI);
    }

    /** @return the microsecond the next datagram is due, or {@link Long#MAX_VALUE} if none is in flight */
    public long nextDeliveryMicros() {
        Scheduled head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.dueMicros;
    }

    /** @return datagrams on the link, scheduled but not yet delivered */
    public int inFlight() {
        return queue.size();
    }

    /** @return datagrams passed to {@link #send}, both directions */
    public long sent() {
        return sent(Side.A) + sent(Side.B);
    }

    /**
     * @param from the sending side
     * @return datagrams sent from that side
     */
    public long sent(Side from) {
        return counts.get(from).sent;
    }

    /** @return datagrams dropped by random loss, both directions (bottleneck drops are {@link #queueDrops()}) */
    public long lost() {
        return lost(Side.A) + lost(Side.B);
    }

    /**
     * @param from the sending side
     * @return datagrams from that side dropped by random loss
     */
    public long lost(Side from) {
        return counts.get(from).lost;
    }

    /** @return datagrams dropped because a bottleneck queue was full, both directions */
    public long queueDrops() {
        return queueDrops(Side.A) + queueDrops(Side.B);
    }

    /**
     * @param from the sending side
     * @return datagrams from that side dropped because its bottleneck queue was full
     */
    public long queueDrops(Side from) {
        return bottleneckQueues.get(from).drops();
    }

    /**
     * @param from the sending side
     * @param nowMicros the current virtual time in microseconds, not earlier than a previous call's
     * @return bytes waiting in that side's bottleneck (arrived, not yet serialized); 0 without a bottleneck
     */
    public long queuedBytes(Side from, long nowMicros) {
        return bottleneckQueues.get(from).queuedBytes(nowMicros);
    }

    /**
     * @param from the sending side
     * @return the most bytes that ever waited at once in that side's bottleneck, counting the arriving datagram
     */
    public long peakQueuedBytes(Side from) {
        return bottleneckQueues.get(from).peakBytes();
    }

    /** @return extra copies scheduled by duplication */
    public long duplicated() {
        return duplicated;
    }

    /** @return datagrams held back by an extra delay */
    public long reordered() {
        return reordered;
    }

    /** @return datagrams with a flipped bit */
    public long corrupted() {
        return corrupted;
    }

    /** @return datagrams handed to a receiver, both directions */
    public long delivered() {
        return delivered(Side.A) + delivered(Side.B);
    }

    /**
     * @param from the sending side
     * @return datagrams sent from that side and handed to the receiver at the other, copies included
     */
    public long delivered(Side from) {
        return counts.get(from).delivered;
    }

    /**
     * @param from a side
     * @return the impairment of datagrams sent from that side
     */
    public Impairment impairment(Side from) {
        return impairments.get(from);
    }

    /**
     * @param from a side
     * @return the bottleneck of datagrams sent from that side, {@link Bottleneck#NONE} if there is none
     */
    public Bottleneck bottleneck(Side from) {
        return bottlenecks.get(from);
    }
}
