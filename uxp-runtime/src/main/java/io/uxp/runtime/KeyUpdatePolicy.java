package io.uxp.runtime;

/**
 * When a direction's traffic key is replaced by the next one of its HKDF ratchet, and when a key is
 * refused outright (docs/PROTOCOL.md section 9, "Key update").
 *
 * @param updateAfterPackets packets sealed under one key before the sender moves to the next
 * @param updateAfterMillis age of a key, in milliseconds, after which the sender moves to the next
 * @param hardLimitPackets packets under one key after which it is refused (sealing fails and received packets
 *     are dropped as {@code KEY_EXHAUSTED}); must exceed {@code updateAfterPackets}
 * @param previousKeyRetentionMillis how long a receiver keeps the previous key for reordered packets
 */
public record KeyUpdatePolicy(long updateAfterPackets, long updateAfterMillis, long hardLimitPackets,
        long previousKeyRetentionMillis) {

    /** Smallest update threshold: a receiver must see a packet of every key generation (see the spec). */
    public static final long MIN_UPDATE_PACKETS = 16;

    /** Validates the limits. */
    public KeyUpdatePolicy {
        if (updateAfterPackets < MIN_UPDATE_PACKETS) {
            throw new IllegalArgumentException("updateAfterPackets must be at least " + MIN_UPDATE_PACKETS);
        }
        if (updateAfterMillis < 1 || previousKeyRetentionMillis < 0) {
            throw new IllegalArgumentException("updateAfterMillis must be positive and retention non-negative");
        }
        if (hardLimitPackets <= updateAfterPackets) {
            throw new IllegalArgumentException("hardLimitPackets must exceed updateAfterPackets");
        }
    }

    /**
     * @return update every 2^30 packets or every hour, refuse a key after 2^31 packets, keep the previous
     *     key 3 seconds; far below the AEAD usage bounds of both built-in ciphers
     */
    public static KeyUpdatePolicy defaults() {
        return new KeyUpdatePolicy(1L << 30, 3_600_000L, 1L << 31, 3_000L);
    }
}
