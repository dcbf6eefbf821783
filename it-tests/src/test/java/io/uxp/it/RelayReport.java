package io.uxp.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code uxp relay} says it did, one line per direction, read from its log after it stopped.
 *
 * @param directions each direction's counters by name ({@code received}, {@code dropped}, {@code corrupted}...)
 */
record RelayReport(Map<String, Map<String, Long>> directions) {

    private static final Pattern LINE = Pattern.compile("(\\S+->\\S+): received (\\d+), forwarded (\\d+), dropped "
            + "(\\d+), delayed (\\d+), reordered (\\d+), duplicated (\\d+), corrupted (\\d+)");
    private static final String[] NAMES = {"received", "forwarded", "dropped", "delayed", "reordered", "duplicated",
        "corrupted"};

    /** @param log the relay's log: its report is the last lines */
    static RelayReport parse(String log) {
        Map<String, Map<String, Long>> directions = new LinkedHashMap<>();
        Matcher m = LINE.matcher(log);
        while (m.find()) {
            Map<String, Long> counters = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                counters.put(NAMES[i], Long.parseLong(m.group(i + 2)));
            }
            directions.put(m.group(1), counters);
        }
        if (directions.size() != 2) {
            throw new AssertionError("expected the relay's report of two directions in its log:\n" + log);
        }
        return new RelayReport(directions);
    }

    /** @return the counter {@code name} of the direction whose name starts with {@code from} */
    long count(String from, String name) {
        return directions.entrySet().stream().filter(e -> e.getKey().startsWith(from)).findFirst()
                .map(e -> e.getValue().get(name))
                .orElseThrow(() -> new AssertionError("no direction from " + from + " in " + directions));
    }

    /** @return the counter {@code name} summed over both directions */
    long total(String name) {
        return directions.values().stream().mapToLong(c -> c.get(name)).sum();
    }
}
