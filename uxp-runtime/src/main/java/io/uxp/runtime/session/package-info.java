/**
 * Connections and endpoints: the per-connection pipeline (KCP, FEC, record layer), connection state (keepalive,
 * idle timeout, graceful close), the server's acceptor and connection table, and the client's handshake driver.
 */
package io.uxp.runtime.session;
