package io.uxp.testkit;

/**
 * A router's outgoing port in front of one direction of a {@link LinkSimulator}: datagrams are serialized one
 * after another at {@code bitsPerSecond}, and wait in a drop-tail queue of {@code queueBytes} while the port is
 * busy.
 *
 * @param bitsPerSecond the serialization rate in bits per second; {@code 0} means no bottleneck
 * @param queueBytes the most bytes that may wait (queued or being serialized) before a new datagram is dropped
 */
public record Bottleneck(long bitsPerSecond, int queueBytes) {

    /** No bottleneck: datagrams enter the link the instant they are sent, as before bottlenecks existed. */
    public static final Bottleneck NONE = new Bottleneck(0, 0);

    /** Validates the fields. */
    public Bottleneck {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("bottleneck bitsPerSecond must be >= 0, got " + bitsPerSecond);
        }
        if (queueBytes < 0 || bitsPerSecond > 0 && queueBytes == 0) {
            throw new IllegalArgumentException("bottleneck queueBytes must be > 0 with a rate, got " + queueBytes);
        }
    }

    /** @return whether this limits the rate at all */
    public boolean limits() {
        return bitsPerSecond > 0;
    }
}
