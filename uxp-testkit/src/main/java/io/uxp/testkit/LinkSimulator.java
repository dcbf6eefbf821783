package io.uxp.testkit;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A deterministic, in-memory datagram link between two endpoints, {@link Side#A} and {@link Side#B}, driven by
 * virtual time. Each direction drops, delays (uniformly in a range, so jitter reorders), duplicates, holds back
 * and optionally corrupts datagrams according to its {@link Impairment}, drawing from a
 * {@link SplittableRandom} seeded by the builder's seed. Datagrams due at the same instant are delivered in the
 * order they were scheduled, so a run with the same seed and the same calls repeats exactly.
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

    /** Bound of one {@link #deliverDue} call, so two receivers answering each other with no delay cannot spin. */
    private static final int MAX_DELIVERIES_PER_CALL = 1_000_000;

    private record Scheduled(long dueMillis, long order, Side to, byte[] data) {
    }

    private final Map<Side, Impairment> impairments;
    private final Map<Side, SplittableRandom> randoms = new EnumMap<>(Side.class);
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((x, y) -> x.dueMillis != y.dueMillis
            ? Long.compare(x.dueMillis, y.dueMillis) : Long.compare(x.order, y.order));
    private long order;
    private long sent;
    private long lost;
    private long duplicated;
    private long reordered;
    private long corrupted;
    private long delivered;

    private LinkSimulator(long seed, Map<Side, Impairment> impairments) {
        this.impairments = new EnumMap<>(impairments);
        SplittableRandom root = new SplittableRandom(seed);
        // one independent stream per direction, so traffic in one direction does not shift the other's draws
        randoms.put(Side.A, root.split());
        randoms.put(Side.B, root.split());
    }

    /** @return a builder for a perfect link with seed 0 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Puts a datagram on the link; the bytes are copied.
     *
     * @param from the sending side; the datagram travels to {@code from.opposite()}
     * @param buf the buffer holding the datagram
     * @param off start of the datagram
     * @param len length of the datagram
     * @param nowMillis the current virtual time
     */
    public void send(Side from, byte[] buf, int off, int len, long nowMillis) {
        Objects.requireNonNull(from, "from");
        Objects.checkFromIndexSize(off, len, buf.length);
        Impairment imp = impairments.get(from);
        SplittableRandom random = randoms.get(from);
        sent++;
        if (random.nextDouble() < imp.loss()) {
            lost++;
            return;
        }
        schedule(from, imp, random, Arrays.copyOfRange(buf, off, off + len), nowMillis);
        if (random.nextDouble() < imp.duplicate()) {
            duplicated++;
            schedule(from, imp, random, Arrays.copyOfRange(buf, off, off + len), nowMillis);
        }
    }

    private void schedule(Side from, Impairment imp, SplittableRandom random, byte[] data, long nowMillis) {
        long delay = imp.minDelayMillis() == imp.maxDelayMillis() ? imp.minDelayMillis()
                : random.nextLong(imp.minDelayMillis(), imp.maxDelayMillis() + 1L);
        if (random.nextDouble() < imp.reorder()) {
            reordered++;
            delay += random.nextLong(1, imp.reorderHoldMillis() + 1L);
        }
        if (data.length > 0 && random.nextDouble() < imp.corrupt()) {
            corrupted++;
            int bit = random.nextInt(data.length * 8);
            data[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        queue.add(new Scheduled(nowMillis + delay, order++, from.opposite(), data));
    }

    /**
     * Delivers, in time order, every datagram due at or before {@code nowMillis}, including datagrams the
     * receiver sends during this call that are due by then.
     *
     * @param nowMillis the current virtual time
     * @param receiver gets each datagram
     * @return how many datagrams were delivered
     * @throws IllegalStateException if more than a million datagrams come due in one call (receivers that keep
     *     answering each other with zero delay)
     */
    public int deliverDue(long nowMillis, Receiver receiver) {
        int count = 0;
        while (!queue.isEmpty() && queue.peek().dueMillis <= nowMillis) {
            if (count == MAX_DELIVERIES_PER_CALL) {
                throw new IllegalStateException("more than " + MAX_DELIVERIES_PER_CALL + " datagrams due at "
                        + nowMillis + "; do the receivers answer each other with zero delay? give the link a delay");
            }
            Scheduled s = queue.poll();
            delivered++;
            count++;
            receiver.receive(s.to, s.data, 0, s.data.length);
        }
        return count;
    }

    /** @return when the next datagram is due, or {@link Long#MAX_VALUE} if none is in flight */
    public long nextDeliveryMillis() {
        Scheduled head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.dueMillis;
    }

    /** @return datagrams on the link, scheduled but not yet delivered */
    public int inFlight() {
        return queue.size();
    }

    /** @return datagrams passed to {@link #send} */
    public long sent() {
        return sent;
    }

    /** @return datagrams dropped */
    public long lost() {
        return lost;
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

    /** @return datagrams handed to a receiver */
    public long delivered() {
        return delivered;
    }

    /**
     * @param from a side
     * @return the impairment of datagrams sent from that side
     */
    public Impairment impairment(Side from) {
        return impairments.get(from);
    }

    /**
     * Configures a {@link LinkSimulator}. Methods without a {@link Side} set both directions; those with one
     * set only the datagrams sent from that side.
     */
    public static final class Builder {
        private long seed;
        private final Map<Side, Impairment> impairments = new EnumMap<>(Side.class);

        private Builder() {
            impairments.put(Side.A, Impairment.NONE);
            impairments.put(Side.B, Impairment.NONE);
        }

        private Builder both(UnaryOperator<Impairment> change) {
            impairments.replaceAll((side, imp) -> change.apply(imp));
            return this;
        }

        private Builder one(Side from, UnaryOperator<Impairment> change) {
            impairments.put(from, change.apply(impairments.get(Objects.requireNonNull(from, "from"))));
            return this;
        }

        /**
         * @param seed the seed of the random source
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param p loss probability in both directions
         * @return this builder
         */
        public Builder loss(double p) {
            return both(i -> i.withLoss(p));
        }

        /**
         * @param from the sending side
         * @param p loss probability
         * @return this builder
         */
        public Builder loss(Side from, double p) {
            return one(from, i -> i.withLoss(p));
        }

        /**
         * @param minMillis smallest delay
         * @param maxMillis largest delay, both directions
         * @return this builder
         */
        public Builder delay(int minMillis, int maxMillis) {
            return both(i -> i.withDelay(minMillis, maxMillis));
        }

        /**
         * @param from the sending side
         * @param minMillis smallest delay
         * @param maxMillis largest delay
         * @return this builder
         */
        public Builder delay(Side from, int minMillis, int maxMillis) {
            return one(from, i -> i.withDelay(minMillis, maxMillis));
        }

        /**
         * @param p duplication probability in both directions
         * @return this builder
         */
        public Builder duplicate(double p) {
            return both(i -> i.withDuplicate(p));
        }

        /**
         * @param from the sending side
         * @param p duplication probability
         * @return this builder
         */
        public Builder duplicate(Side from, double p) {
            return one(from, i -> i.withDuplicate(p));
        }

        /**
         * Holds back a fraction of datagrams by up to 50 ms more, in both directions.
         *
         * @param p hold-back probability
         * @return this builder
         */
        public Builder reorder(double p) {
            return reorder(p, 50);
        }

        /**
         * @param p hold-back probability in both directions
         * @param holdMillis largest extra delay of a held-back datagram
         * @return this builder
         */
        public Builder reorder(double p, int holdMillis) {
            return both(i -> i.withReorder(p, holdMillis));
        }

        /**
         * @param from the sending side
         * @param p hold-back probability
         * @param holdMillis largest extra delay of a held-back datagram
         * @return this builder
         */
        public Builder reorder(Side from, double p, int holdMillis) {
            return one(from, i -> i.withReorder(p, holdMillis));
        }

        /**
         * @param p bit-flip probability in both directions (off by default)
         * @return this builder
         */
        public Builder corrupt(double p) {
            return both(i -> i.withCorrupt(p));
        }

        /**
         * @param from the sending side
         * @param p bit-flip probability
         * @return this builder
         */
        public Builder corrupt(Side from, double p) {
            return one(from, i -> i.withCorrupt(p));
        }

        /**
         * @param from the sending side
         * @param impairment everything at once
         * @return this builder
         */
        public Builder impairment(Side from, Impairment impairment) {
            return one(from, i -> Objects.requireNonNull(impairment, "impairment"));
        }

        /** @return the simulator */
        public LinkSimulator build() {
            return new LinkSimulator(seed, impairments);
        }
    }
}
