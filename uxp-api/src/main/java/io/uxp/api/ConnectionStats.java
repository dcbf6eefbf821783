package io.uxp.api;

import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one connection: its KCP state plus what crossed the socket. Taking a snapshot
 * allocates; it is meant for monitoring, not for the per-packet path.
 *
 * @param suite what the peers negotiated
 * @param arq the KCP engine's state
 * @param packetsIn datagrams received and authenticated
 * @param packetsOut datagrams sent
 * @param bytesIn UDP payload bytes received and authenticated
 * @param bytesOut UDP payload bytes sent
 * @param fecRecovered packets rebuilt by forward error correction
 * @param authenticationFailures datagrams for this connection whose AEAD tag did not verify
 * @param drops datagrams dropped for this connection, by reason (reasons with zero drops may be absent)
 * @param keyUpdates key updates performed in either direction
 * @param pathValidationsStarted validations of a new peer address begun (a server's connection only: a client
 *     never follows the server to a new address)
 * @param pathValidationsSucceeded validations that moved the connection to the new address
 * @param pathValidationsFailed validations that timed out, were replaced by a newer candidate or were abandoned
 *     because the peer was still at its validated address; the connection stayed where it was
 */
public record ConnectionStats(
        NegotiatedSuite suite,
        ArqStats arq,
        long packetsIn,
        long packetsOut,
        long bytesIn,
        long bytesOut,
        long fecRecovered,
        long authenticationFailures,
        Map<DropReason, Long> drops,
        long keyUpdates,
        long pathValidationsStarted,
        long pathValidationsSucceeded,
        long pathValidationsFailed) {

    /** Copies the drop map so the snapshot cannot change afterwards. */
    public ConnectionStats {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(arq, "arq");
        drops = Map.copyOf(drops);
    }

    /**
     * @param reason a drop reason
     * @return how many datagrams were dropped for that reason
     */
    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
