package io.uxp.crypto.chacha;

import java.util.Locale;

/**
 * Which implementation of RFC 8439 seals and opens: the bytes are the same, the speed is not. The composition on
 * Bouncy Castle's block function is portable and allocates nothing per packet; the JDK's is about twice as fast on JDKs whose ChaCha20 and
 * Poly1305 have intrinsics (JDK 20+), and slower without them (docs/CIPHERS.md has the figures).
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default: the JDK's on feature release
 * {@value #JDK_FROM} and later when it has the cipher, otherwise Bouncy Castle's), {@code jdk} or
 * {@code bouncycastle}.
 */
enum Backend {
    /**
     * ChaCha20 on Bouncy Castle's block function (the body in SIMD lanes) and a Poly1305 of our own, composed in
     * place ({@link ChaChaPolyAead}); the name is the property's value since the first release.
     */
    BOUNCY_CASTLE("bouncycastle"),
    /** The JDK's {@code ChaCha20-Poly1305} cipher ({@link JdkChaChaPolyAead}). */
    JDK("jdk");

    /** The system property that overrides the choice. */
    static final String PROPERTY = "uxp.chacha.backend";
    /** The first feature release whose cipher is used by default (intrinsics since JDK 20; 21 is the LTS). */
    static final int JDK_FROM = 21;

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** @return the name the system property uses */
    String label() {
        return label;
    }

    /**
     * @param key 32 bytes
     * @return a new AEAD of this implementation under {@code key}
     * @throws IllegalStateException for Bouncy Castle's, if the system property {@value Lanes#PROPERTY} is invalid
     */
    Aead newAead(byte[] key) {
        return this == JDK ? new JdkChaChaPolyAead(key) : new ChaChaPolyAead(key, Lanes.select());
    }

    /**
     * @return the implementation the system property, or on {@code auto} this JDK, selects
     * @throws IllegalStateException if the property names no implementation, or names {@code jdk} on a JDK
     *     without the cipher
     */
    static Backend select() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "auto":
                return Runtime.version().feature() >= JDK_FROM && jdkHasCipher() ? JDK : BOUNCY_CASTLE;
            case "jdk":
                if (!jdkHasCipher()) {
                    throw new IllegalStateException(PROPERTY + "=jdk, but this JDK has no "
                            + JdkChaChaPolyAead.TRANSFORMATION + " cipher; use auto or bouncycastle");
                }
                return JDK;
            case "bouncycastle":
                return BOUNCY_CASTLE;
            default:
                throw new IllegalStateException(PROPERTY + " is '" + wanted + "'; use auto, jdk or bouncycastle");
        }
    }

    private static boolean jdkHasCipher() {
        try {
            JdkChaChaPolyAead.newCipher();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
