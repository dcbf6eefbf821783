package io.uxp.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields the tests check from {@code uxp client --json}'s one-object summary (flat fields, the
 * {@code fec} object's name and the {@code drops} counts). Deliberately small: no JSON library on the test path.
 *
 * @param text the client's standard output
 */
record ClientJson(String text) {

    private static final Pattern FEC_NAME = Pattern.compile("\"fec\":\\{\"name\":\"([^\"]*)\"");
    private static final Pattern DROPS = Pattern.compile("\"drops\":\\{([^}]*)}");
    private static final Pattern COUNT = Pattern.compile("\"([A-Z_]+)\":(\\d+)");

    /** @return the string field {@code name} */
    String string(String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no \"" + name + "\" in the client's JSON: " + text);
        }
        return m.group(1);
    }

    /** @return whether the client said {@code "ok":true} */
    boolean ok() {
        return text.contains("\"ok\":true");
    }

    /** @return the negotiated FEC's name ({@code none} or {@code reed-solomon}) */
    String fec() {
        Matcher m = FEC_NAME.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no fec object in the client's JSON: " + text);
        }
        return m.group(1);
    }

    /** @return the datagrams the client dropped, by reason */
    Map<String, Long> drops() {
        Map<String, Long> drops = new LinkedHashMap<>();
        Matcher m = DROPS.matcher(text);
        if (m.find()) {
            Matcher c = COUNT.matcher(m.group(1));
            while (c.find()) {
                drops.put(c.group(1), Long.parseLong(c.group(2)));
            }
        }
        return drops;
    }
}
