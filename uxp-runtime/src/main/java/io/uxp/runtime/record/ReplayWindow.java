package io.uxp.runtime.record;

/**
 * Sliding anti-replay window over 64-bit packet numbers, a ring of 64-bit words as in RFC 6479: accepts
 * each number at most once and refuses numbers more than {@link #WINDOW} behind the largest accepted.
 * {@link #check} is separate from {@link #accept} so the window moves only after a packet authenticates.
 * One owner thread; allocates nothing after construction.
 */
public final class ReplayWindow {

    /** Packets tracked behind the largest accepted number (the brief asks for at least 2,048). */
    public static final int WINDOW = 2048;
    /** Result of {@link #check}: a fresh number. */
    public static final int FRESH = 0;
    /** Result of {@link #check}: already accepted. */
    public static final int DUPLICATE = 1;
    /** Result of {@link #check}: older than the window. */
    public static final int TOO_OLD = 2;

    private static final int BITS_PER_WORD = 64;
    private static final int WORD_SHIFT = 6;
    // One spare word so the oldest word of the window is never cleared while still in use (RFC 6479 section 2).
    private static final int WORDS = WINDOW / BITS_PER_WORD + 1;

    private final long[] words = new long[WORDS];
    private long largest = -1;

    /**
     * @param packetNumber a non-negative packet number
     * @return {@link #FRESH}, {@link #DUPLICATE} or {@link #TOO_OLD}
     */
    public int check(long packetNumber) {
        if (packetNumber > largest) {
            return FRESH;
        }
        if (largest - packetNumber >= WINDOW) {
            return TOO_OLD;
        }
        long word = words[(int) ((packetNumber >>> WORD_SHIFT) % WORDS)];
        return (word & (1L << (packetNumber & (BITS_PER_WORD - 1)))) != 0 ? DUPLICATE : FRESH;
    }

    /**
     * Records an authenticated packet number; call only after {@link #check} returned {@link #FRESH}.
     *
     * @param packetNumber the number
     */
    public void accept(long packetNumber) {
        long index = packetNumber >>> WORD_SHIFT;
        if (packetNumber > largest) {
            long current = largest < 0 ? -1 : largest >>> WORD_SHIFT;
            long advance = Math.min(index - current, WORDS);
            for (long i = 1; i <= advance; i++) {
                words[(int) ((current + i) % WORDS)] = 0;
            }
            largest = packetNumber;
        }
        words[(int) (index % WORDS)] |= 1L << (packetNumber & (BITS_PER_WORD - 1));
    }

    /** @return the largest accepted packet number, or -1 if none */
    public long largest() {
        return largest;
    }
}
