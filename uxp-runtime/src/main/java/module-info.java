/**
 * UXP's runtime: sockets, the handshake and negotiation, record protection, sessions, timers and
 * heartbeats. It assembles each connection from the providers the two peers negotiate.
 *
 * <p>Only {@code io.uxp.runtime} (what users configure) is exported; the handshake, record and negotiation
 * packages are internal state machines.
 */
module io.uxp.runtime {
    requires transitive io.uxp.api;
    requires io.uxp.kcp;
    requires org.slf4j;
    requires jdk.httpserver;
    requires org.bouncycastle.provider;

    exports io.uxp.runtime;

    uses io.uxp.api.spi.CipherProvider;
    uses io.uxp.api.spi.FecProvider;
    uses io.uxp.api.spi.CongestionControlProvider;
}
