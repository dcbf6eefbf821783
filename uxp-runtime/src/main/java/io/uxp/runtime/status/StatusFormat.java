package io.uxp.runtime.status;

import io.uxp.api.ArqStats;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import io.uxp.runtime.ServerStats;
import java.util.List;
import java.util.Map;

/**
 * Writes server and connection snapshots as JSON and as Prometheus text exposition format (version 0.0.4),
 * by hand: the runtime takes no JSON library. Names are stable; docs/RUNTIME.md lists them.
 */
public final class StatusFormat {

    /**
     * How UXP prints a connection ID everywhere (logs, {@code /status}, {@code /metrics}, the CLI): 16 lowercase hex
     * digits, unsigned, as the 8 bytes go on the wire.
     *
     * @param id a connection ID
     * @return its text
     */
    public static String connectionId(long id) {
        return String.format(java.util.Locale.ROOT, "%016x", id);
    }

    private StatusFormat() {
    }

    /** A connection and its snapshot, taken once so both formats agree. */
    public record Entry(Connection connection, ConnectionStats stats) {
    }

    /**
     * @param server the server's snapshot
     * @param connections each open connection's snapshot
     * @param clientAddresses whether to include each connection's remote address
     * @return {@code {"server":{...},"connections":[{...},...]}}
     */
    public static String json(ServerStats server, List<Entry> connections, boolean clientAddresses) {
        StringBuilder b = new StringBuilder(256 + 512 * connections.size());
        b.append("{\"server\":{");
        field(b, "connections", server.connections()).append(',');
        field(b, "pendingHandshakes", server.pendingHandshakes()).append(',');
        field(b, "handshakesCompleted", server.handshakesCompleted()).append(',');
        field(b, "handshakesFailed", server.handshakesFailed()).append(',');
        field(b, "packetsIn", server.packetsIn()).append(',');
        field(b, "packetsOut", server.packetsOut()).append(',');
        field(b, "bytesIn", server.bytesIn()).append(',');
        field(b, "bytesOut", server.bytesOut()).append(',');
        drops(b, server.drops());
        b.append("},\"connections\":[");
        for (int i = 0; i < connections.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            connection(b, connections.get(i), clientAddresses);
        }
        return b.append("]}").toString();
    }

    private static void connection(StringBuilder b, Entry e, boolean clientAddresses) {
        ConnectionStats s = e.stats();
        ArqStats a = s.arq();
        b.append('{');
        b.append("\"id\":\"").append(connectionId(e.connection().id())).append("\",");
        if (clientAddresses) {
            b.append("\"remote\":");
            string(b, String.valueOf(e.connection().remoteAddress())).append(',');
        }
        b.append("\"suite\":{\"cipher\":");
        string(b, s.suite().cipher()).append(",\"fec\":");
        string(b, s.suite().toString().split(" / ")[1]).append(",\"congestionControl\":");
        string(b, s.suite().congestionControl()).append("},");
        field(b, "packetsIn", s.packetsIn()).append(',');
        field(b, "packetsOut", s.packetsOut()).append(',');
        field(b, "bytesIn", s.bytesIn()).append(',');
        field(b, "bytesOut", s.bytesOut()).append(',');
        field(b, "fecRecovered", s.fecRecovered()).append(',');
        field(b, "authenticationFailures", s.authenticationFailures()).append(',');
        field(b, "keyUpdates", s.keyUpdates()).append(',');
        b.append("\"pathValidations\":{");
        field(b, "started", s.pathValidationsStarted()).append(',');
        field(b, "succeeded", s.pathValidationsSucceeded()).append(',');
        field(b, "failed", s.pathValidationsFailed()).append("},");
        drops(b, s.drops());
        b.append(",\"kcp\":{");
        field(b, "srttMillis", a.srttMillis()).append(',');
        field(b, "rttVarMillis", a.rttVarMillis()).append(',');
        field(b, "rtoMillis", a.rtoMillis()).append(',');
        field(b, "congestionWindow", a.congestionWindow()).append(',');
        field(b, "slowStartThreshold", a.slowStartThreshold()).append(',');
        field(b, "sendWindow", a.sendWindow()).append(',');
        field(b, "receiveWindow", a.receiveWindow()).append(',');
        field(b, "remoteWindow", a.remoteWindow()).append(',');
        field(b, "sendQueue", a.sendQueue()).append(',');
        field(b, "sendBuffer", a.sendBuffer()).append(',');
        field(b, "receiveQueue", a.receiveQueue()).append(',');
        field(b, "receiveBuffer", a.receiveBuffer()).append(',');
        field(b, "segmentsSent", a.segmentsSent()).append(',');
        field(b, "fastRetransmissions", a.fastRetransmissions()).append(',');
        field(b, "timeoutRetransmissions", a.timeoutRetransmissions()).append(',');
        field(b, "pacingRate", a.pacingRate()).append(',');
        field(b, "bytesInFlight", a.bytesInFlight()).append(',');
        field(b, "minRttMicros", a.minRttMicros());
        b.append("}}");
    }

    private static StringBuilder field(StringBuilder b, String name, long value) {
        return b.append('"').append(name).append("\":").append(value);
    }

    private static void drops(StringBuilder b, Map<DropReason, Long> drops) {
        b.append("\"drops\":{");
        boolean first = true;
        for (DropReason r : DropReason.values()) {
            Long n = drops.get(r);
            if (n != null && n != 0) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                field(b, r.name(), n);
            }
        }
        b.append('}');
    }

    private static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /**
     * @param server the server's snapshot
     * @param connections each open connection's snapshot
     * @return Prometheus text: {@code uxp_server_*} gauges and counters, {@code uxp_connection_*} with a
     *     {@code connection} label
     */
    public static String prometheus(ServerStats server, List<Entry> connections) {
        StringBuilder b = new StringBuilder(1024 + 1024 * connections.size());
        metric(b, "uxp_server_connections", "gauge", "Open connections.", "", server.connections());
        metric(b, "uxp_server_pending_handshakes", "gauge", "Handshakes awaiting the client's first record.", "",
                server.pendingHandshakes());
        metric(b, "uxp_server_handshakes_completed_total", "counter", "Handshakes that produced a connection.", "",
                server.handshakesCompleted());
        metric(b, "uxp_server_handshakes_failed_total", "counter", "Handshakes refused or abandoned.", "",
                server.handshakesFailed());
        metric(b, "uxp_server_packets_in_total", "counter", "Datagrams received.", "", server.packetsIn());
        metric(b, "uxp_server_packets_out_total", "counter", "Datagrams sent.", "", server.packetsOut());
        metric(b, "uxp_server_bytes_in_total", "counter", "UDP payload bytes received.", "", server.bytesIn());
        metric(b, "uxp_server_bytes_out_total", "counter", "UDP payload bytes sent.", "", server.bytesOut());
        header(b, "uxp_server_drops_total", "counter", "Datagrams dropped, by reason.");
        for (DropReason r : DropReason.values()) {
            sample(b, "uxp_server_drops_total", "{reason=\"" + r.name() + "\"}", server.dropped(r));
        }
        connectionMetric(b, connections, "uxp_connection_packets_in_total", "counter",
                "Datagrams received and authenticated.", e -> e.stats().packetsIn());
        connectionMetric(b, connections, "uxp_connection_packets_out_total", "counter", "Datagrams sent.",
                e -> e.stats().packetsOut());
        connectionMetric(b, connections, "uxp_connection_bytes_in_total", "counter", "Bytes received.",
                e -> e.stats().bytesIn());
        connectionMetric(b, connections, "uxp_connection_bytes_out_total", "counter", "Bytes sent.",
                e -> e.stats().bytesOut());
        connectionMetric(b, connections, "uxp_connection_retransmissions_total", "counter",
                "KCP segments retransmitted.", e -> e.stats().arq().retransmissions());
        connectionMetric(b, connections, "uxp_connection_fec_recovered_total", "counter",
                "Packets rebuilt by FEC.", e -> e.stats().fecRecovered());
        connectionMetric(b, connections, "uxp_connection_authentication_failures_total", "counter",
                "Datagrams that failed authentication.", e -> e.stats().authenticationFailures());
        connectionMetric(b, connections, "uxp_connection_path_validations_failed_total", "counter",
                "Validations of a new client address that failed (timeout, replaced or abandoned).",
                e -> e.stats().pathValidationsFailed());
        connectionMetric(b, connections, "uxp_connection_srtt_milliseconds", "gauge", "Smoothed RTT.",
                e -> e.stats().arq().srttMillis());
        connectionMetric(b, connections, "uxp_connection_rto_milliseconds", "gauge", "Retransmission timeout.",
                e -> e.stats().arq().rtoMillis());
        connectionMetric(b, connections, "uxp_connection_congestion_window", "gauge", "Congestion window, segments.",
                e -> e.stats().arq().congestionWindow());
        connectionMetric(b, connections, "uxp_connection_pacing_rate_bytes_per_second", "gauge",
                "Pacing rate of the congestion controller (0: not paced).", e -> e.stats().arq().pacingRate());
        connectionMetric(b, connections, "uxp_connection_bytes_in_flight", "gauge",
                "Bytes sent and neither acknowledged nor declared lost.", e -> e.stats().arq().bytesInFlight());
        connectionMetric(b, connections, "uxp_connection_send_queue", "gauge", "Segments queued to send.",
                e -> e.stats().arq().sendQueue() + e.stats().arq().sendBuffer());
        return b.toString();
    }

    private static void connectionMetric(StringBuilder b, List<Entry> connections, String name, String type,
            String help, java.util.function.ToLongFunction<Entry> value) {
        header(b, name, type, help);
        for (Entry e : connections) {
            sample(b, name, "{connection=\"" + connectionId(e.connection().id()) + "\"}",
                    value.applyAsLong(e));
        }
    }

    private static void metric(StringBuilder b, String name, String type, String help, String labels, long v) {
        header(b, name, type, help);
        sample(b, name, labels, v);
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long v) {
        b.append(name).append(labels).append(' ').append(v).append('\n');
    }
}
