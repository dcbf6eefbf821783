package io.uxp.api.spi;

import java.util.Map;

/** The three kinds of provider, with their SPI type and the built-in module of each known wire name. */
public enum ProviderKind {
    /** {@link CipherProvider}. */
    CIPHER("cipher", CipherProvider.class,
            Map.of("chacha20-poly1305", "uxp-crypto-chacha", "xsalsa20-poly1305", "uxp-crypto-salsa")),
    /** {@link FecProvider}. */
    FEC("FEC", FecProvider.class, Map.of("reed-solomon", "uxp-fec")),
    /** {@link CongestionControlProvider}. */
    CONGESTION_CONTROL("congestion control", CongestionControlProvider.class,
            Map.of("bbr", "uxp-cc-bbr", "kcp", "uxp-kcp", "fixed", "uxp-kcp"));

    private final String label;
    private final Class<?> spi;
    private final Map<String, String> builtInArtifacts;

    ProviderKind(String label, Class<?> spi, Map<String, String> builtInArtifacts) {
        this.label = label;
        this.spi = spi;
        this.builtInArtifacts = builtInArtifacts;
    }

    /** @return a short human name, for messages */
    public String label() {
        return label;
    }

    /** @return the SPI interface */
    public Class<?> spi() {
        return spi;
    }

    /**
     * @param name a wire name
     * @return how to obtain a provider of that name: a UXP artifact for built-in names, a general hint otherwise
     */
    public String moduleHint(String name) {
        String artifact = builtInArtifacts.get(name);
        return artifact != null
                ? "add io.uxp:" + artifact + " to the module path or class path"
                : "add the module that provides " + label + " '" + name + "' to the module path or class path";
    }
}
