package io.uxp.cli.report;

import java.util.Locale;
import java.util.Map;

/**
 * A minimal JSON writer for the CLI's summaries: objects, strings, numbers, booleans. Keys keep insertion
 * order; non-finite numbers become {@code null}.
 */
public final class Json {

    private final StringBuilder out = new StringBuilder();
    private boolean needComma;

    /** Starts the top-level object. */
    public Json() {
        out.append('{');
    }

    /** @param key a key @param value a string, or null @return this */
    public Json put(String key, String value) {
        key(key);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    /** @param key a key @param value a number @return this */
    public Json put(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    /** @param key a key @param value a number, or null @return this */
    public Json put(String key, Long value) {
        key(key);
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    /** @param key a key @param value a number @return this */
    public Json put(String key, double value) {
        key(key);
        out.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    /** @param key a key @param value a boolean @return this */
    public Json put(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    /** @param key a key @param counts a map of names to counts @return this */
    public Json putCounts(String key, Map<String, Long> counts) {
        key(key);
        out.append('{');
        boolean comma = false;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (comma) {
                out.append(',');
            }
            string(e.getKey());
            out.append(':').append(e.getValue());
            comma = true;
        }
        out.append('}');
        return this;
    }

    /** @param key a key @param object a finished nested object, or null @return this */
    public Json put(String key, Json object) {
        key(key);
        out.append(object == null ? "null" : object.toString());
        return this;
    }

    private void key(String key) {
        if (needComma) {
            out.append(',');
        }
        string(key);
        out.append(':');
        needComma = true;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** @return the object's text, closed */
    @Override
    public String toString() {
        return out + "}";
    }
}
