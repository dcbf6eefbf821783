package io.uxp.cli.report;

import io.uxp.api.ArqStats;
import io.uxp.api.Connection;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Watches a transfer from a daemon thread: samples the sender's smoothed RTT every
 * {@link #SAMPLE_MILLIS} into {@link RttSamples}, and prints progress: a {@link ProgressBar} rewritten in
 * place ({@code \r}) on a terminal, fitted to its width; a plain line every {@link #PLAIN_EVERY_MILLIS}
 * otherwise; or nothing. A detailed style adds, per period, the goodput of that period and the sender's
 * congestion state (window, pacing rate, bytes in flight). A phase ({@link #phase}) names what the transfer
 * waits for once every byte is out, and {@link #finish} draws the bar's last frame at 100 %.
 */
public final class Monitor implements AutoCloseable {

    /** RTT sampling period. */
    static final long SAMPLE_MILLIS = 50;
    /** Refresh period of the live line on a terminal. */
    static final long LIVE_EVERY_MILLIS = 250;
    /** Period of the plain progress lines when not on a terminal. */
    static final long PLAIN_EVERY_MILLIS = 2_000;
    /** How often the terminal's width is read again (it may be resized). */
    static final long COLUMNS_EVERY_MILLIS = 2_000;

    private static final double MIB = 1024.0 * 1024.0;

    /** How progress is shown. */
    public enum Style {
        /** One line rewritten in place with {@code \r}. */
        LIVE,
        /** A new line every few seconds. */
        PLAIN,
        /** A new line per period with the period's rate and the congestion state. */
        DETAILED,
        /** Nothing. */
        OFF;

        /**
         * @param quiet whether progress is unwanted
         * @return {@link #LIVE} on a terminal, {@link #PLAIN} otherwise, {@link #OFF} when quiet
         */
        public static Style detect(boolean quiet) {
            return quiet ? OFF : System.console() != null ? LIVE : PLAIN;
        }
    }

    private final ScheduledExecutorService timer;
    private final RttSamples rtt = new RttSamples();
    private final Connection sender;
    private final LongSupplier progressBytes;
    private final long totalBytes;
    private final PrintWriter out;
    private final Style style;
    private final String what;
    private final long startNanos = System.nanoTime();
    private final long everyMillis;
    private long ticks;
    private long lastDone;
    private long lastNanos = startNanos;
    private boolean lineOpen;
    private int lastFrameLength;
    private int columns = -1;
    private long columnsAtTick;
    private volatile BooleanSupplier phaseWhen = () -> false;
    private volatile String phase;

    /**
     * Starts watching.
     *
     * @param sender the sending connection, whose RTT and retransmissions are sampled
     * @param what what {@code progressBytes} counts, for the line: {@code delivered} or {@code sent}
     * @param progressBytes bytes done so far
     * @param totalBytes bytes to transfer
     * @param out where progress goes
     * @param style how progress is shown
     */
    public Monitor(Connection sender, String what, LongSupplier progressBytes, long totalBytes, PrintWriter out,
            Style style) {
        this(sender, what, progressBytes, totalBytes, out, style,
                style == Style.LIVE ? LIVE_EVERY_MILLIS : PLAIN_EVERY_MILLIS);
    }

    /**
     * Starts watching, printing every {@code everyMillis} (rounded to the {@value #SAMPLE_MILLIS} ms sampling).
     *
     * @param sender the sending connection, whose RTT and retransmissions are sampled
     * @param what what {@code progressBytes} counts, for the line: {@code delivered} or {@code sent}
     * @param progressBytes bytes done so far
     * @param totalBytes bytes to transfer
     * @param out where progress goes
     * @param style how progress is shown
     * @param everyMillis the period between lines
     */
    public Monitor(Connection sender, String what, LongSupplier progressBytes, long totalBytes, PrintWriter out,
            Style style, long everyMillis) {
        this.everyMillis = Math.max(SAMPLE_MILLIS, everyMillis);
        this.sender = sender;
        this.what = what;
        this.progressBytes = progressBytes;
        this.totalBytes = totalBytes;
        this.out = out;
        this.style = style;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uxp-monitor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** @return the RTT samples taken so far */
    public RttSamples rtt() {
        return rtt;
    }

    /**
     * Names the phase the progress shows while {@code when} holds, e.g. "waiting for the receipt".
     *
     * @param when whether the phase is on
     * @param text what to show
     * @return this
     */
    public Monitor phase(BooleanSupplier when, String text) {
        this.phase = text;
        this.phaseWhen = when;
        return this;
    }

    private void tick() {
        ArqStats arq;
        try {
            arq = sender.stats().arq();
        } catch (RuntimeException closed) {
            return;
        }
        rtt.add(arq.srttMillis());
        ticks++;
        if (style == Style.OFF || ticks % (everyMillis / SAMPLE_MILLIS) != 0) {
            return;
        }
        long done = progressBytes.getAsLong();
        long now = System.nanoTime();
        double seconds = (now - startNanos) / 1e9;
        String phaseNow = phaseWhen.getAsBoolean() ? phase : null;
        long unacknowledged = (long) arq.sendQueue() + arq.sendBuffer();
        if (phaseNow != null && unacknowledged > 0) {
            // what the receipt waits for: the segments the peer has not acknowledged yet
            phaseNow += ", " + unacknowledged + " segments unacknowledged";
        }
        if (style == Style.LIVE) {
            if (columns < 0 || ticks - columnsAtTick >= COLUMNS_EVERY_MILLIS / SAMPLE_MILLIS) {
                columns = Terminal.columns();
                columnsAtTick = ticks;
            }
            draw(ProgressBar.frame(columns, what, done, totalBytes, seconds, arq.srttMillis(), phaseNow));
            return;
        }
        String line = String.format(Locale.ROOT, "%s %8.1f / %.1f MiB  %7.2f MiB/s  RTT %4d ms  retransmissions %d",
                what, done / MIB, totalBytes / MIB, seconds > 0 ? done / MIB / seconds : 0, arq.srttMillis(),
                arq.retransmissions());
        if (style == Style.PLAIN && phaseNow != null) {
            line += "  (" + phaseNow + ")";
        }
        if (style == Style.DETAILED) {
            double period = (now - lastNanos) / 1e9;
            line = String.format(Locale.ROOT, "%6.2f s  %s  now %7.2f MiB/s  min RTT %.1f ms  cwnd %d  pacing %.2f MiB/s"
                    + "  in flight %d KiB  remote window %d", seconds, line,
                    period > 0 ? (done - lastDone) / MIB / period : 0, arq.minRttMicros() / 1000.0,
                    arq.congestionWindow(), arq.pacingRate() / MIB, arq.bytesInFlight() / 1024, arq.remoteWindow());
        }
        lastDone = done;
        lastNanos = now;
        synchronized (this) {
            out.println(line);
            out.flush();
        }
    }

    /** Rewrites the live line: blanks what the previous frame left beyond this one's end. */
    private synchronized void draw(String frame) {
        int pad = Math.max(0, lastFrameLength - frame.length());
        out.print("\r" + frame + " ".repeat(pad));
        out.flush();
        lastFrameLength = frame.length();
        lineOpen = true;
    }

    /**
     * Stops the thread and, on a terminal, draws the bar's final frame: 100 % when the transfer completed, as
     * far as it got otherwise.
     *
     * @param completed whether every byte was confirmed
     */
    public void finish(boolean completed) {
        stop();
        if (style == Style.LIVE && lineOpen) {
            long done = completed ? totalBytes : progressBytes.getAsLong();
            draw(ProgressBar.frame(columns > 0 ? columns : ProgressBar.DEFAULT_COLUMNS, what, done, totalBytes,
                    (System.nanoTime() - startNanos) / 1e9, rtt.last(), completed ? "done" : "stopped"));
        }
        close();
    }

    private void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread and ends the live line. Idempotent. */
    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (lineOpen) {
                out.println();
                out.flush();
                lineOpen = false;
            }
        }
    }
}
