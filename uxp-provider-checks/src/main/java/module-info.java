/**
 * Checks for UXP cipher providers, for the built-in ones and for third parties alike: {@code CipherContract}
 * (the in-place contract of {@code PacketSealer} and {@code PacketOpener}), {@code CipherVectors} (published test
 * vectors, sealed and opened inside a larger buffer) and {@code CipherAllocation} (bytes allocated per packet).
 * They need no test framework: a violation is an {@link AssertionError} that names the broken rule.
 */
module io.uxp.provider.checks {
    requires transitive io.uxp.api;
    requires jdk.management;

    exports io.uxp.provider.checks;
}
