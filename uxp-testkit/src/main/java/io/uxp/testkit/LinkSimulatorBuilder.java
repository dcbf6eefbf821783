package io.uxp.testkit;

import io.uxp.testkit.LinkSimulator.Side;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Configures a {@link LinkSimulator} ({@link LinkSimulator#builder()}). Methods without a {@link Side} set both
 * directions; those with one set only the datagrams sent from that side.
 */
public final class LinkSimulatorBuilder {
    private long seed;
    private final Map<Side, Impairment> impairments = new EnumMap<>(Side.class);
    private final Map<Side, Bottleneck> bottlenecks = new EnumMap<>(Side.class);

    LinkSimulatorBuilder() {
        for (Side side : Side.values()) {
            impairments.put(side, Impairment.NONE);
            bottlenecks.put(side, Bottleneck.NONE);
        }
    }

    private LinkSimulatorBuilder both(UnaryOperator<Impairment> change) {
        impairments.replaceAll((side, imp) -> change.apply(imp));
        return this;
    }

    private LinkSimulatorBuilder one(Side from, UnaryOperator<Impairment> change) {
        impairments.put(from, change.apply(impairments.get(Objects.requireNonNull(from, "from"))));
        return this;
    }

    /**
     * @param seed the seed of the random source
     * @return this builder
     */
    public LinkSimulatorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * @param p loss probability in both directions
     * @return this builder
     */
    public LinkSimulatorBuilder loss(double p) {
        return both(i -> i.withLoss(p));
    }

    /**
     * @param from the sending side
     * @param p loss probability
     * @return this builder
     */
    public LinkSimulatorBuilder loss(Side from, double p) {
        return one(from, i -> i.withLoss(p));
    }

    /**
     * @param minMillis smallest delay
     * @param maxMillis largest delay, both directions
     * @return this builder
     */
    public LinkSimulatorBuilder delay(int minMillis, int maxMillis) {
        return both(i -> i.withDelay(minMillis, maxMillis));
    }

    /**
     * @param from the sending side
     * @param minMillis smallest delay
     * @param maxMillis largest delay
     * @return this builder
     */
    public LinkSimulatorBuilder delay(Side from, int minMillis, int maxMillis) {
        return one(from, i -> i.withDelay(minMillis, maxMillis));
    }

    /**
     * @param p duplication probability in both directions
     * @return this builder
     */
    public LinkSimulatorBuilder duplicate(double p) {
        return both(i -> i.withDuplicate(p));
    }

    /**
     * @param from the sending side
     * @param p duplication probability
     * @return this builder
     */
    public LinkSimulatorBuilder duplicate(Side from, double p) {
        return one(from, i -> i.withDuplicate(p));
    }

    /**
     * Holds back a fraction of datagrams by up to 50 ms more, in both directions.
     *
     * @param p hold-back probability
     * @return this builder
     */
    public LinkSimulatorBuilder reorder(double p) {
        return reorder(p, 50);
    }

    /**
     * @param p hold-back probability in both directions
     * @param holdMillis largest extra delay of a held-back datagram
     * @return this builder
     */
    public LinkSimulatorBuilder reorder(double p, int holdMillis) {
        return both(i -> i.withReorder(p, holdMillis));
    }

    /**
     * @param from the sending side
     * @param p hold-back probability
     * @param holdMillis largest extra delay of a held-back datagram
     * @return this builder
     */
    public LinkSimulatorBuilder reorder(Side from, double p, int holdMillis) {
        return one(from, i -> i.withReorder(p, holdMillis));
    }

    /**
     * @param p bit-flip probability in both directions (off by default)
     * @return this builder
     */
    public LinkSimulatorBuilder corrupt(double p) {
        return both(i -> i.withCorrupt(p));
    }

    /**
     * @param from the sending side
     * @param p bit-flip probability
     * @return this builder
     */
    public LinkSimulatorBuilder corrupt(Side from, double p) {
        return one(from, i -> i.withCorrupt(p));
    }

    /**
     * @param from the sending side
     * @param impairment everything at once
     * @return this builder
     */
    public LinkSimulatorBuilder impairment(Side from, Impairment impairment) {
        return one(from, i -> Objects.requireNonNull(impairment, "impairment"));
    }

    /**
     * Puts a bottleneck in front of both directions.
     *
     * @param bitsPerSecond serialization rate in bits per second ({@code 0}: none)
     * @param queueBytes drop-tail queue size in bytes, counting the datagram being serialized
     * @return this builder
     */
    public LinkSimulatorBuilder bottleneck(long bitsPerSecond, int queueBytes) {
        Bottleneck b = new Bottleneck(bitsPerSecond, queueBytes);
        bottlenecks.replaceAll((side, old) -> b);
        return this;
    }

    /**
     * @param from the sending side
     * @param bitsPerSecond serialization rate in bits per second ({@code 0}: none)
     * @param queueBytes drop-tail queue size in bytes, counting the datagram being serialized
     * @return this builder
     */
    public LinkSimulatorBuilder bottleneck(Side from, long bitsPerSecond, int queueBytes) {
        bottlenecks.put(Objects.requireNonNull(from, "from"), new Bottleneck(bitsPerSecond, queueBytes));
        return this;
    }

    /** @return the simulator */
    public LinkSimulator build() {
        return new LinkSimulator(seed, impairments, bottlenecks);
    }
}
