package io.uxp.runtime;

import io.uxp.api.DropReason;
import java.util.Map;

/**
 * A snapshot of a server's counters, for monitoring. Taking one allocates.
 *
 * @param connections connections currently open
 * @param pendingHandshakes handshakes awaiting the client's first record
 * @param handshakesCompleted handshakes that produced a connection
 * @param handshakesFailed handshakes refused or abandoned
 * @param packetsIn datagrams received on the socket, valid or not
 * @param packetsOut datagrams sent
 * @param bytesIn UDP payload bytes received
 * @param bytesOut UDP payload bytes sent
 * @param drops datagrams dropped, by reason, server-wide (reasons with zero drops may be absent)
 */
public record ServerStats(int connections, int pendingHandshakes, long handshakesCompleted, long handshakesFailed,
        long packetsIn, long packetsOut, long bytesIn, long bytesOut, Map<DropReason, Long> drops) {

    /** Copies the drop map so the snapshot cannot change afterwards. */
    public ServerStats {
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
