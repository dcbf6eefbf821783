/**
 * UXP's runtime: sockets, the handshake and negotiation, record protection, sessions, timers and
 * heartbeats. It assembles each connection from the providers the two peers negotiate.
 */
module io.uxp.runtime {
    requires transitive io.uxp.api;
    requires org.slf4j;
    requires org.bouncycastle.provider;
}
