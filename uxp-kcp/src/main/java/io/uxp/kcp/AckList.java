package io.uxp.kcp;

import java.util.Arrays;

/**
 * Acknowledgements owed to the peer until the next flush, as (sn, ts) pairs in one primitive array (reference
 * {@code acklist}). Grows by doubling up to a bound and then drops, so a flood cannot grow it without limit.
 */
final class AckList {
    private final int max;
    private int[] pairs = new int[32];
    private int count;

    /** @param max most acknowledgements kept between two flushes */
    AckList(int max) {
        this.max = max;
    }

    /** Records an acknowledgement; beyond the bound it is dropped, which costs the peer only a resend. */
    void add(int sn, int ts) {
        if (count == max) {
            return;
        }
        if (2 * count + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * count] = sn;
        pairs[2 * count + 1] = ts;
        count++;
    }

    int size() {
        return count;
    }

    int sn(int i) {
        return pairs[2 * i];
    }

    int ts(int i) {
        return pairs[2 * i + 1];
    }

    void clear() {
        count = 0;
    }
}
