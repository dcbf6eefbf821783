package io.uxp.it;

import java.util.List;

/**
 * The {@code uxp} images the container tests run, each linked with exactly the modules it names (so building one
 * also proves that this module graph links): the pick-and-mix a user makes by choosing module dependencies.
 * {@link #CLASS_PATH} is the odd one: a JDK-only runtime with every jar on the class path.
 */
enum UxpVariant {

    /** Every built-in provider. */
    FULL(Modules.CORE, "io.uxp.crypto.chacha", "io.uxp.crypto.salsa", "io.uxp.fec"),
    /** ChaCha20-Poly1305 as the only cipher. */
    CHACHA_ONLY(Modules.CORE, "io.uxp.crypto.chacha", "io.uxp.fec"),
    /** XSalsa20-Poly1305 as the only cipher. */
    SALSA_ONLY(Modules.CORE, "io.uxp.crypto.salsa", "io.uxp.fec"),
    /** Both ciphers, no FEC provider. */
    NO_FEC(Modules.CORE, "io.uxp.crypto.chacha", "io.uxp.crypto.salsa"),
    /** Every built-in provider plus the third-party example cipher (examples/cipher-aes-gcm). */
    FULL_WITH_AES_GCM(Modules.CORE, "io.uxp.crypto.chacha", "io.uxp.crypto.salsa", "io.uxp.fec",
            "com.example.uxp.aesgcm"),
    /** Every built-in provider's jar on the class path of a runtime holding only the JDK modules they need. */
    CLASS_PATH(Modules.CORE, "io.uxp.crypto.chacha", "io.uxp.crypto.salsa", "io.uxp.fec");

    private final List<String> modules;

    UxpVariant(List<String> core, String... providers) {
        this.modules = java.util.stream.Stream.concat(core.stream(), java.util.Arrays.stream(providers)).toList();
    }

    /** @return the root modules jlink links (the providers named explicitly: jlink does not bind services) */
    List<String> modules() {
        return modules;
    }

    /** @return the image's repository name, e.g. {@code uxp-it/uxp-chacha-only} */
    String repository() {
        return "uxp-it/uxp-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The modules every image holds: the CLI (with the runtime and KCP it requires), BBR and the log binding. */
    private static final class Modules {
        static final List<String> CORE = List.of("io.uxp.cli", "io.uxp.cc.bbr", "org.slf4j.simple");
    }
}
