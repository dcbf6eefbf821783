package io.uxp.cli.report;

import java.util.Arrays;

/**
 * Round-trip-time samples and their percentiles. The CLI samples the sender's smoothed RTT
 * ({@code ArqStats.srttMillis}) periodically, so these are percentiles of the smoothed estimate over time,
 * not of individual round trips. Bounded: past {@link #MAX_SAMPLES} every second sample is discarded and
 * the sampling keeps one in two from then on. Thread-safe.
 */
public final class RttSamples {

    /** Most samples kept (an hour at 20 per second would be 72,000). */
    static final int MAX_SAMPLES = 1 << 16;

    private int[] samples = new int[1024];
    private int size;
    private int stride = 1;
    private long offered;

    /** @param rttMillis one sample; negative values (no estimate yet) are ignored */
    public synchronized void add(int rttMillis) {
        if (rttMillis < 0 || offered++ % stride != 0) {
            return;
        }
        if (size == samples.length) {
            if (size >= MAX_SAMPLES) {
                for (int i = 0; i < size / 2; i++) {
                    samples[i] = samples[2 * i];
                }
                size /= 2;
                stride *= 2;
            } else {
                samples = Arrays.copyOf(samples, size * 2);
            }
        }
        samples[size++] = rttMillis;
    }

    /** @return the latest sample kept, or -1 without samples */
    public synchronized int last() {
        return size == 0 ? -1 : samples[size - 1];
    }

    /** @return how many samples are kept */
    public synchronized int count() {
        return size;
    }

    /**
     * @param p the percentile, in (0, 100]
     * @return the nearest-rank percentile in milliseconds, or -1 without samples
     */
    public synchronized int percentile(double p) {
        if (size == 0) {
            return -1;
        }
        int[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        // nearest rank: the smallest value with at least p% of the samples at or below it
        int rank = (int) Math.ceil(p / 100 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)];
    }
}
