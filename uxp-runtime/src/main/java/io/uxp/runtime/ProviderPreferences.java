package io.uxp.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A peer's allow-lists, in preference order (most preferred first). A client offers the entries its
 * registry has, in this order; a server picks, in this order, the first entry the client offered and the
 * server has. An entry missing from the registry is skipped, and named in the error if nothing is left.
 *
 * @param ciphers cipher wire names, for example {@code chacha20-poly1305}
 * @param fecs FEC offers; include {@link FecOffer#NONE} to allow running without FEC
 * @param congestionControls congestion-control wire names, for example {@code kcp}
 */
public record ProviderPreferences(List<String> ciphers, List<FecOffer> fecs, List<String> congestionControls) {

    /** Longest wire name, in ASCII bytes (docs/PROTOCOL.md section 3). */
    public static final int MAX_NAME_BYTES = 32;
    /** Most entries per kind that fit in a ClientHello (docs/PROTOCOL.md sections 3 and 4). */
    public static final int MAX_ENTRIES = 8;

    /** Validates and copies the lists. */
    public ProviderPreferences {
        ciphers = checked(ciphers, "ciphers");
        fecs = List.copyOf(Objects.requireNonNull(fecs, "fecs"));
        congestionControls = checked(congestionControls, "congestionControls");
        if (fecs.isEmpty() || fecs.size() > MAX_ENTRIES || new HashSet<>(fecs).size() != fecs.size()) {
            throw new IllegalArgumentException("fecs must hold 1 to " + MAX_ENTRIES + " distinct entries: " + fecs);
        }
        fecs.forEach(f -> checkName(f.name()));
    }

    /**
     * @return the defaults: both built-in ciphers (ChaCha20-Poly1305 first), no FEC, then Reed-Solomon
     *     (10,3), and congestion control {@code bbr} (module io.uxp.cc.bbr, when present), then the reference
     *     {@code kcp}, then {@code fixed}
     */
    public static ProviderPreferences defaults() {
        return new ProviderPreferences(List.of("chacha20-poly1305", "xsalsa20-poly1305"),
                List.of(FecOffer.NONE, FecOffer.of("reed-solomon", 10, 3)), List.of("bbr", "kcp", "fixed"));
    }

    private static List<String> checked(List<String> names, String what) {
        List<String> copy = List.copyOf(Objects.requireNonNull(names, what));
        if (copy.isEmpty() || copy.size() > MAX_ENTRIES || new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException(what + " must hold 1 to " + MAX_ENTRIES + " distinct names: " + copy);
        }
        copy.forEach(ProviderPreferences::checkName);
        return copy;
    }

    /**
     * @param name a wire name
     * @throws IllegalArgumentException unless it is 1 to 32 printable ASCII characters without spaces
     */
    public static void checkName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("a wire name must be 1 to " + MAX_NAME_BYTES
                    + " printable ASCII characters without spaces, got '" + name + "'");
        }
    }

    /**
     * @param name a candidate wire name
     * @return whether it is 1 to 32 characters in {@code 0x21..0x7e}
     */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_BYTES) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
