package io.uxp.crypto.chacha;

import java.util.Locale;
import java.util.Optional;

/**
 * How the Bouncy Castle backend computes a packet body's ChaCha20 blocks several at a time: in vectors of the JDK's
 * Vector API ({@link ChaChaVectorLanes}) when the JVM has the incubator module {@value #VECTOR_MODULE} and the CPU
 * 256-bit vectors, otherwise in a loop that HotSpot's auto-vectorizer packs ({@link ChaChaLanes}). The bytes are the
 * same either way.
 *
 * <p>The incubator module is resolved only when the JVM is started with {@code --add-modules jdk.incubator.vector}
 * (the JVM then prints one warning line that it uses an incubator module); until C2 has compiled the vector code
 * a packet costs several times more, so the lanes pay off in long-lived processes, not in a short transfer
 * (docs/CIPHERS.md). The
 * system property {@value #PROPERTY} chooses: {@code auto} (the default: vector when it can), {@code vector}
 * (fails at the first key when it cannot) or {@code superword}.
 */
enum Lanes {
    /** {@link ChaChaVectorLanes}: the Vector API. */
    VECTOR,
    /** {@link ChaChaLanes}: a loop for C2's SuperWord. */
    SUPERWORD;

    /** The system property that overrides the choice. */
    static final String PROPERTY = "uxp.chacha.lanes";
    /** The JDK's Vector API, incubating since JDK 16. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * @return the kind the system property, or on {@code auto} this JVM, selects
     * @throws IllegalStateException if the property names no kind, or names {@code vector} where it cannot run
     */
    static Lanes select() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "auto":
                return Detected.VECTOR_USABLE ? VECTOR : SUPERWORD;
            case "vector":
                if (!Detected.VECTOR_USABLE) {
                    throw new IllegalStateException(PROPERTY + "=vector, but " + Detected.WHY_NOT
                            + "; use auto or superword");
                }
                return VECTOR;
            case "superword":
                return SUPERWORD;
            default:
                throw new IllegalStateException(PROPERTY + " is '" + wanted + "'; use auto, vector or superword");
        }
    }

    /** What this JVM offers, found once. */
    private static final class Detected {
        static final String WHY_NOT = whyNot();
        static final boolean VECTOR_USABLE = WHY_NOT == null;

        /** @return null when the vector lanes can run here, otherwise the reason they cannot */
        private static String whyNot() {
            Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
            if (vector.isEmpty()) {
                return "the JVM was not started with --add-modules " + VECTOR_MODULE;
            }
            if (!Lanes.class.getModule().canRead(vector.get())) {
                return Lanes.class.getModule() + " does not read " + VECTOR_MODULE;
            }
            try {
                return ChaChaVectorLanes.hardwareHasLanes() ? null : "this CPU has no 256-bit integer vectors";
            } catch (LinkageError e) {
                return VECTOR_MODULE + " failed to load: " + e;
            }
        }
    }
}
