package io.uxp.api.spi;

/**
 * The limits every provider's declared values must meet before {@link ProviderRegistry} lists it, and the
 * check that applies them. A provider outside them is refused when it is loaded, with a sentence naming it,
 * its module and the value at fault, so that it can never be negotiated and then fail on the packet path.
 */
public final class ProviderChecks {

    /** Longest wire name, in bytes (docs/PROTOCOL.md section 3). */
    public static final int MAX_NAME_BYTES = 32;
    /** Shortest cipher key, in bytes: 128 bits. */
    public static final int MIN_KEY_BYTES = 16;
    /** Longest cipher key, in bytes (AES-SIV-512's double key). */
    public static final int MAX_KEY_BYTES = 64;
    /**
     * Shortest nonce, in bytes: the record layer XORs the 8-byte packet number into the nonce's last 8 bytes
     * (docs/PROTOCOL.md section 9).
     */
    public static final int MIN_NONCE_BYTES = 8;
    /** Longest nonce, in bytes (XSalsa20 and XChaCha20 take 24). */
    public static final int MAX_NONCE_BYTES = 32;
    /**
     * Least per-packet overhead, in bytes: a 128-bit tag. QUIC leaves out AEADs with shorter tags
     * (RFC 9001 section 5.3, AEAD_AES_128_CCM_8), and so does UXP.
     */
    public static final int MIN_OVERHEAD_BYTES = 16;
    /** Largest prefix plus suffix, in bytes: leaves a 1,200-byte MTU room for data. */
    public static final int MAX_OVERHEAD_BYTES = 64;
    /** Largest FEC header per shard, in bytes. */
    public static final int MAX_FEC_OVERHEAD_BYTES = 64;

    private ProviderChecks() {
    }

    /**
     * @param name a proposed wire name
     * @return why it is not a valid wire name (1 to 32 bytes in {@code 0x21..0x7e}), or {@code null}
     */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_BYTES) {
            return "its name " + (name == null ? "is null" : "'" + name + "' is not 1 to " + MAX_NAME_BYTES
                    + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "its name '" + name + "' holds a character outside printable ASCII without space";
            }
        }
        return null;
    }

    /**
     * @param cipher a cipher provider
     * @return why its declared sizes are out of range, or {@code null} if they are fine
     */
    public static String cipherProblem(CipherProvider cipher) {
        String problem = nameProblem(cipher.name());
        if (problem != null) {
            return problem;
        }
        int key = cipher.keyBytes();
        int nonce = cipher.nonceBytes();
        int prefix = cipher.prefixBytes();
        int suffix = cipher.suffixBytes();
        if (key < MIN_KEY_BYTES || key > MAX_KEY_BYTES) {
            return "keyBytes " + key + " is outside " + MIN_KEY_BYTES + ".." + MAX_KEY_BYTES;
        }
        if (nonce < MIN_NONCE_BYTES || nonce > MAX_NONCE_BYTES) {
            return "nonceBytes " + nonce + " is outside " + MIN_NONCE_BYTES + ".." + MAX_NONCE_BYTES
                    + " (the record layer writes the 8-byte packet number into the nonce's last 8 bytes)";
        }
        if (prefix < 0 || suffix < 0) {
            return "prefixBytes " + prefix + " and suffixBytes " + suffix + " must not be negative";
        }
        long overhead = (long) prefix + suffix;
        if (overhead < MIN_OVERHEAD_BYTES || overhead > MAX_OVERHEAD_BYTES
                || cipher.overheadBytes() != overhead) {
            return "overheadBytes " + cipher.overheadBytes() + " (prefix " + prefix + " + suffix " + suffix
                    + ") must equal prefix + suffix and lie in " + MIN_OVERHEAD_BYTES + ".." + MAX_OVERHEAD_BYTES
                    + " (a tag of at least 128 bits)";
        }
        return null;
    }

    /**
     * @param fec a FEC provider
     * @param params shard counts its {@link FecProvider#validate} accepted
     * @return why its header size for those counts is out of range, or {@code null}
     */
    public static String fecOverheadProblem(FecProvider fec, FecParams params) {
        int overhead = fec.overheadBytes(params);
        if (overhead < 0 || overhead > MAX_FEC_OVERHEAD_BYTES) {
            return "overheadBytes(" + params.dataShards() + ", " + params.parityShards() + ") " + overhead
                    + " is outside 0.." + MAX_FEC_OVERHEAD_BYTES;
        }
        return null;
    }

    /**
     * Runs the check that fits the provider's kind, catching what a faulty provider throws.
     *
     * @param kind the provider's kind
     * @param provider the provider
     * @return a sentence naming the provider, its module and what is wrong, or {@code null} if it may be listed
     */
    static String refusal(ProviderKind kind, Object provider) {
        String name;
        String problem;
        try {
            name = switch (kind) {
                case CIPHER -> ((CipherProvider) provider).name();
                case FEC -> ((FecProvider) provider).name();
                case CONGESTION_CONTROL -> ((CongestionControlProvider) provider).name();
            };
            problem = kind == ProviderKind.CIPHER ? cipherProblem((CipherProvider) provider) : nameProblem(name);
        } catch (RuntimeException e) {
            name = provider.getClass().getName();
            problem = "it threw " + e + " when asked for its declared values";
        }
        if (problem == null) {
            return null;
        }
        return kind.label() + " provider '" + name + "' (" + provider.getClass().getName() + " from "
                + ProviderRegistry.origin(provider) + ") is refused: " + problem;
    }
}
