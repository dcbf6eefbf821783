package io.uxp.cc.bbr;

import java.util.Arrays;

/**
 * Windowed maximum of delivery-rate samples over the last {@code rounds} round trips: one slot per round in a
 * fixed ring, each holding the largest sample of its round. Exact (unlike a three-sample Kathleen Nichols
 * filter) at the cost of a scan of {@code rounds} longs per update, and it allocates nothing after construction.
 *
 * <p>Slots age only when a sample is inserted, as in Linux's {@code minmax}: while nothing is recorded (an
 * application-limited stretch whose samples are ignored) the estimate holds instead of decaying to zero.
 */
final class MaxBandwidthFilter {

    private final long[] slots;
    /** Round of the most recent insertion; -1 before the first. */
    private long lastRound = -1;
    private long max;

    /** @param rounds round trips the window spans, at least 1 */
    MaxBandwidthFilter(int rounds) {
        this.slots = new long[rounds];
    }

    /**
     * Records a sample and expires the slots of rounds that fell out of the window.
     *
     * @param round the current round count, never decreasing
     * @param bytesPerSecond the delivery-rate sample
     */
    void update(long round, long bytesPerSecond) {
        int n = slots.length;
        if (lastRound < 0 || round - lastRound >= n) {
            Arrays.fill(slots, 0L);
        } else {
            for (long r = lastRound + 1; r <= round; r++) {
                slots[(int) (r % n)] = 0L;
            }
        }
        if (round > lastRound) {
            lastRound = round;
        }
        int slot = (int) (lastRound % n);
        if (bytesPerSecond > slots[slot]) {
            slots[slot] = bytesPerSecond;
        }
        long m = 0;
        for (long s : slots) {
            m = Math.max(m, s);
        }
        max = m;
    }

    /** @return the largest sample in the window, bytes per second; 0 before the first sample */
    long max() {
        return max;
    }
}
