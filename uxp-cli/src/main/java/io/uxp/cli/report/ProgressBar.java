package io.uxp.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One frame of the progress bar shown on a terminal, fitted to its width:
 * {@code sent [=====>    ]  42%  27.0/64.0 MiB  12.3 MiB/s  RTT 3 ms  0:05  ETA 0:07}. When the terminal is
 * too narrow the least useful fields go first (elapsed, RTT, rate, byte counts, ETA), then the bar; the line
 * never reaches the last column, so the terminal never wraps it. A phase (for example "waiting for the
 * receipt") takes the ETA's place. Pure: the caller supplies the numbers and the width.
 */
public final class ProgressBar {

    /** Narrowest bar worth drawing, brackets included. */
    static final int MIN_BAR = 12;
    /** Width assumed when the terminal's is unknown. */
    public static final int DEFAULT_COLUMNS = 80;

    private static final double MIB = 1024.0 * 1024.0;

    private ProgressBar() {
    }

    /**
     * @param columns the terminal's width
     * @param what what is counted, e.g. {@code sent}
     * @param done bytes done
     * @param total bytes in all
     * @param elapsedSeconds since the start
     * @param rttMillis the smoothed RTT, or negative if unknown
     * @param phase what happens now instead of the ETA, or {@code null}
     * @return the frame, shorter than {@code columns}
     */
    public static String frame(int columns, String what, long done, long total, double elapsedSeconds,
            int rttMillis, String phase) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        double rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
        // in the order they are shown; each with its priority (higher stays longer)
        List<Field> fields = new ArrayList<>();
        String all = String.format(Locale.ROOT, "%.1f", total / MIB);
        // the count as wide as the total, so that the bar keeps its width as the count grows
        fields.add(new Field(String.format(Locale.ROOT, "%" + all.length() + ".1f/%s MiB", done / MIB, all), 3));
        fields.add(new Field(String.format(Locale.ROOT, "%.2f MiB/s", rate / MIB), 2));
        if (rttMillis >= 0) {
            fields.add(new Field("RTT " + rttMillis + " ms", 1));
        }
        fields.add(new Field(clock(elapsedSeconds), 0));
        if (phase != null) {
            fields.add(new Field(phase, 5));
        } else if (rate > 0 && done < total) {
            fields.add(new Field("ETA " + clock((total - done) / rate), 4));
        }
        int width = Math.max(1, columns - 1);
        while (true) {
            String tail = join(percent, fields);
            int room = width - what.length() - 1 - tail.length() - 1;
            if (room >= MIN_BAR || fields.isEmpty()) {
                String bar = room >= MIN_BAR ? bar(room, fraction) + " " : "";
                return cut(what + " " + bar + tail, width);
            }
            fields.remove(lowest(fields));
        }
    }

    private static String bar(int width, double fraction) {
        int inside = width - 2;
        int filled = (int) Math.floor(fraction * inside);
        StringBuilder b = new StringBuilder(width).append('[');
        for (int i = 0; i < inside; i++) {
            b.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        return b.append(']').toString();
    }

    private static String join(String percent, List<Field> fields) {
        StringBuilder b = new StringBuilder(percent);
        for (Field f : fields) {
            b.append("  ").append(f.text());
        }
        return b.toString();
    }

    private static int lowest(List<Field> fields) {
        int at = 0;
        for (int i = 1; i < fields.size(); i++) {
            if (fields.get(i).priority() < fields.get(at).priority()) {
                at = i;
            }
        }
        return at;
    }

    private static String cut(String line, int width) {
        return line.length() <= width ? line : line.substring(0, width);
    }

    /**
     * @param seconds a duration
     * @return it as {@code m:ss}, or {@code h:mm:ss} from an hour
     */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private record Field(String text, int priority) {
    }
}
