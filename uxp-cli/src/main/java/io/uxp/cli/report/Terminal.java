package io.uxp.cli.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the terminal the CLI runs in: {@code $COLUMNS} if set, else what {@code stty size} says of
 * {@code /dev/tty}, else {@link ProgressBar#DEFAULT_COLUMNS}. Java has no API for it; this is read from the
 * monitor's thread, never on a connection's.
 */
final class Terminal {

    private static final File TTY = new File("/dev/tty");
    private static final long STTY_WAIT_MILLIS = 500;

    private Terminal() {
    }

    /** @return the terminal's width in columns */
    static int columns() {
        Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        if (!TTY.canRead()) {
            return ProgressBar.DEFAULT_COLUMNS;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(STTY_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return ProgressBar.DEFAULT_COLUMNS;
            }
            String[] rowsColumns = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip()
                    .split("\\s+");
            Integer columns = rowsColumns.length == 2 ? parse(rowsColumns[1]) : null;
            return columns != null ? columns : ProgressBar.DEFAULT_COLUMNS;
        } catch (IOException e) {
            return ProgressBar.DEFAULT_COLUMNS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProgressBar.DEFAULT_COLUMNS;
        }
    }

    private static Integer parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
