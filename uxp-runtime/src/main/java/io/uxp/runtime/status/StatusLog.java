package io.uxp.runtime.status;

import io.uxp.api.ArqStats;
import io.uxp.api.ConnectionStats;
import io.uxp.runtime.ServerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic status lines (the ancestor's KCP status every 5 s), through SLF4J at INFO under the logger
 * {@code io.uxp.runtime.status}. Called every few seconds per connection or server, never per packet.
 */
public final class StatusLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.uxp.runtime.status");

    private StatusLog() {
    }

    /**
     * @param id the connection's ID
     * @param s its snapshot
     */
    public static void connection(long id, ConnectionStats s) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        ArqStats a = s.arq();
        LOG.info("connection {} [{}] srtt={}ms rttvar={}ms rto={}ms min_rtt={}us cwnd={} ssthresh={} pacing={}B/s "
                        + "inflight={}B wnd={}/{}/{} "
                        + "sndq={} sndbuf={} rcvq={} rcvbuf={} retrans={} (fast {}, timeout {}) packets in={} out={} "
                        + "bytes in={} out={} fec_recovered={} auth_failures={} drops={}",
                StatusFormat.connectionId(id), s.suite(), a.srttMillis(), a.rttVarMillis(), a.rtoMillis(),
                a.minRttMicros(), a.congestionWindow(), a.slowStartThreshold(), a.pacingRate(), a.bytesInFlight(),
                a.sendWindow(), a.receiveWindow(), a.remoteWindow(),
                a.sendQueue(), a.sendBuffer(), a.receiveQueue(), a.receiveBuffer(), a.retransmissions(),
                a.fastRetransmissions(), a.timeoutRetransmissions(), s.packetsIn(), s.packetsOut(), s.bytesIn(),
                s.bytesOut(), s.fecRecovered(), s.authenticationFailures(), s.drops());
    }

    /**
     * @param address the server's address
     * @param s its snapshot
     */
    public static void server(Object address, ServerStats s) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("server {} connections={} pending_handshakes={} handshakes ok={} failed={} packets in={} out={} "
                        + "bytes in={} out={} drops={}", address, s.connections(), s.pendingHandshakes(),
                s.handshakesCompleted(), s.handshakesFailed(), s.packetsIn(), s.packetsOut(), s.bytesIn(),
                s.bytesOut(), s.drops());
    }
}
