package io.uxp.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the command line's value syntaxes: durations ({@code 10ms}, {@code 1s}, {@code 1.5s},
 * {@code 2m}; a unit is required, except for {@code 0}), byte counts ({@code 64MiB}, {@code 4MB},
 * {@code 1000}), percentages ({@code 5%}, {@code 5})
 * and endpoints ({@code 127.0.0.1:9000}, {@code [::1]:9000}, {@code localhost:9000}).
 */
final class Args {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?");

    private Args() {
    }

    /**
     * @param text a number with a unit: {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or
     *     {@code h}; a bare number is refused (is {@code 5} seconds or milliseconds?), except {@code 0}
     * @return the duration
     * @throws IllegalArgumentException for anything else
     */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a unit, "
                    + "e.g. 10ms, 1s, 1.5s, 2m");
        }
        double value = Double.parseDouble(m.group(1));
        if (m.group(2) == null && value != 0) {
            throw new IllegalArgumentException("'" + text + "' has no unit; write " + m.group(1) + "s or "
                    + m.group(1) + "ms");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanosPerUnit = switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }

    /**
     * @param text a count with an optional unit: {@code B}, decimal {@code KB MB GB TB} (powers of 1000)
     *     or binary {@code KiB MiB GiB TiB} (powers of 1024); a bare {@code K}/{@code M}/{@code G} is binary
     * @return the number of bytes
     * @throws IllegalArgumentException for anything else, or a negative or overflowing count
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a byte count; e.g. 1000, 4MiB, 10MB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        double multiplier = 1;
        if (!unit.equals("b")) {
            boolean decimal = unit.length() == 2 && unit.charAt(1) == 'b';
            double base = decimal ? 1000 : 1024;
            int power = "kmgt".indexOf(unit.charAt(0)) + 1;
            multiplier = Math.pow(base, power);
        }
        double value = Double.parseDouble(m.group(1)) * multiplier;
        if (value > Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large a byte count");
        }
        return Math.round(value);
    }

    /**
     * @param text a percentage, with or without {@code %}: {@code 5%} and {@code 5} both mean 0.05
     * @return the fraction, in [0, 1]
     * @throws IllegalArgumentException outside 0 to 100
     */
    static double percent(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        double p;
        try {
            p = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage; e.g. 5%, 0.5%", e);
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("'" + text + "' is outside 0..100%; e.g. 5%, 0.5%");
        }
        return p / 100;
    }

    /**
     * @param text {@code host:port}, with IPv6 hosts in brackets; the host must resolve
     * @return the address
     * @throws IllegalArgumentException if malformed or the port is out of range
     */
    static InetSocketAddress endpoint(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT; e.g. 127.0.0.1:9000, [::1]:9000");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no port number after the last ':'; e.g. "
                    + "127.0.0.1:9000", e);
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("the port of '" + text + "' is outside 0..65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'; check the name or give an IP "
                    + "address");
        }
        return address;
    }

    /**
     * @param address an address
     * @return it as {@code host:port}, the form {@link #endpoint} reads (IPv6 in brackets)
     */
    static String print(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * @param duration a duration
     * @return it the way {@link #duration} reads it: {@code 1500ms}, {@code 2s}, {@code 250us}
     */
    static String print(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        return nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
    }
}
