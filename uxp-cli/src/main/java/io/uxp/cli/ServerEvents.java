package io.uxp.cli;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DropReason;
import io.uxp.api.ServerHandler;
import io.uxp.cli.transfer.Sink;
import io.uxp.cli.transfer.TransferProtocol;
import io.uxp.runtime.ServerStats;
import io.uxp.runtime.UxpServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code uxp server} logs: every connection's open and close (IDs as unsigned hex), with a {@link Sink} per
 * connection, and, from a daemon thread that reads the server's counters every
 * {@value #HANDSHAKE_CHECK_MILLIS} ms, the handshakes it refused, which the server's handler never sees (the
 * runtime has no event for them). A client that gives up on the server (a wrong pinned key, say) leaves no
 * trace in those counters: it is reported on the client's side.
 */
final class ServerEvents implements ServerHandler, AutoCloseable {

    /** How often the handshake counters are read. */
    static final long HANDSHAKE_CHECK_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    private final boolean echo;
    private ScheduledExecutorService watcher;
    private long invalidSeen;
    private long limitedSeen;

    /** @param echo whether each connection echoes instead of only hashing */
    ServerEvents(boolean echo) {
        this.echo = echo;
    }

    /**
     * Starts logging the handshakes {@code server} refuses or abandons.
     *
     * @param server the started server
     */
    void watchHandshakes(UxpServer server) {
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uxp-server-handshakes");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> checkHandshakes(server), HANDSHAKE_CHECK_MILLIS,
                HANDSHAKE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void checkHandshakes(UxpServer server) {
        ServerStats s;
        try {
            s = server.stats();
        } catch (RuntimeException closed) {
            return;
        }
        long invalid = s.dropped(DropReason.HANDSHAKE_INVALID) - invalidSeen;
        long limited = s.dropped(DropReason.HANDSHAKE_LIMITED) - limitedSeen;
        invalidSeen += invalid;
        limitedSeen += limited;
        if (invalid > 0 || limited > 0) {
            LOG.warn("{} handshake(s) refused in the last {} s: {} invalid (no common cipher, FEC or congestion "
                    + "control, a PSK or authentication mismatch, or malformed), {} over the handshake limit; "
                    + "{} refused since the start (UXP_JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.io.uxp=debug logs "
                    + "each reason)", invalid + limited, HANDSHAKE_CHECK_MILLIS / 1000, invalid, limited,
                    s.handshakesFailed());
        }
    }

    @Override
    public ConnectionHandler onConnectionOpened(Connection connection) {
        LOG.info("connection {} from {} opened: {}", TransferProtocol.id(connection.id()),
                connection.remoteAddress(), connection.suite());
        return new Sink(echo);
    }

    /**
     * Logs the close with the connection's final counters, so that a deployment test reads from the log what the
     * server's side saw: authentication failures (corrupted or forged datagrams, never delivered), path
     * validations (a client that moved), and every drop by reason.
     */
    @Override
    public void onConnectionClosed(Connection connection, CloseCause cause) {
        ConnectionStats s = connection.stats();
        Map<String, Long> drops = new TreeMap<>();
        LoopbackRun.addDrops(drops, s.drops());
        LOG.info("connection {} from {} closed: {}; packets in {}, out {}; authentication failures {}; path "
                + "validations started {}, succeeded {}, failed {}; FEC recoveries {}; drops {}",
                TransferProtocol.id(connection.id()), connection.remoteAddress(), cause, s.packetsIn(),
                s.packetsOut(), s.authenticationFailures(), s.pathValidationsStarted(), s.pathValidationsSucceeded(),
                s.pathValidationsFailed(), s.fecRecovered(), drops.isEmpty() ? "none" : drops);
    }

    @Override
    public void onServerClosed() {
        LOG.info("server closed");
    }

    /** Stops watching the handshakes. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
