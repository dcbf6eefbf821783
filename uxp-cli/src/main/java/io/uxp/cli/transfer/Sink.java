package io.uxp.cli.transfer;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a transfer ({@link TransferProtocol}), one per connection: hashes what arrives and
 * answers a header's receipt request, or echoes every message back. Logs the byte count and SHA-256 of what
 * it received when the connection closes. A malformed header, a header asking for the other mode, or more
 * data than announced is answered with a refusal naming the problem, logged, and the connection closed.
 *
 * <p>Runs on the connection's worker thread; {@link #receivedBytes()} may be read from any thread. An echo
 * that meets back-pressure waits in a queue bounded by {@link #MAX_BACKLOG_BYTES}; a peer that does not
 * read its echoes past that bound is disconnected rather than allowed to grow the server's memory.
 */
public final class Sink implements ConnectionHandler {

    /** Most echoed bytes waiting for room in the send queue before the connection is closed. */
    public static final int MAX_BACKLOG_BYTES = 16 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(Sink.class);

    private final boolean echo;
    private Sha256 received = Sha256.digesting();
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private long backlogBytes;
    private boolean first = true;
    private long expected = -1;
    private boolean wantReceipt;
    private boolean refused;
    private volatile String digestHex;

    /** @param echo whether to echo every message back instead of only hashing it */
    public Sink(boolean echo) {
        this.echo = echo;
    }

    /** @return data bytes received so far (after the header, if any) */
    public long receivedBytes() {
        return received.count();
    }

    /**
     * @return the SHA-256 of the received bytes, hex, once known (all expected bytes arrived or closed); empty when
     *     the client's header asked for no digest
     */
    public String digestHex() {
        return digestHex;
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
        if (refused) {
            return;
        }
        if (first) {
            first = false;
            if (TransferProtocol.claimsHeader(data)) {
                String problem = headerProblem(data);
                if (problem != null) {
                    refuse(connection, problem);
                    return;
                }
                wantReceipt = (TransferProtocol.flags(data) & TransferProtocol.FLAG_WANT_RECEIPT) != 0;
                if ((TransferProtocol.flags(data) & TransferProtocol.FLAG_NO_DIGEST) != 0) {
                    received = Sha256.countOnly();
                }
                expected = TransferProtocol.count(data);
                if (echo) {
                    echo(connection, data.duplicate());
                }
                checkComplete(connection);
                return;
            }
        }
        if (expected >= 0 && received.count() + data.remaining() > expected) {
            refuse(connection, "more data arrived than the " + expected + " bytes the transfer header announced");
            return;
        }
        if (echo) {
            echo(connection, data.duplicate());
        }
        received.update(data);
        checkComplete(connection);
    }

    private String headerProblem(ByteBuffer header) {
        String problem = TransferProtocol.headerProblem(header);
        if (problem != null) {
            return problem;
        }
        int flags = TransferProtocol.flags(header);
        if (!echo && (flags & TransferProtocol.FLAG_ECHO) != 0) {
            return "this server is a sink (started without --echo): it sends no echo; run the client without "
                    + "--echo, or the server with --echo";
        }
        if (echo && (flags & TransferProtocol.FLAG_WANT_RECEIPT) != 0) {
            return "this server echoes (started with --echo) and sends no receipt; run the client with --echo, "
                    + "or the server without it";
        }
        return null;
    }

    /** Tells the peer why, logs it, and closes: the transfer cannot be verified. */
    private void refuse(Connection connection, String reason) {
        refused = true;
        LOG.warn("connection {} from {}: refusing the transfer: {}", TransferProtocol.id(connection.id()),
                connection.remoteAddress(), reason);
        backlog.clear();
        backlogBytes = 0;
        echo(connection, TransferProtocol.refusal(reason));
        connection.close();
    }

    private void checkComplete(Connection connection) {
        if (expected >= 0 && received.count() == expected && digestHex == null) {
            byte[] digest = received.finish();
            digestHex = received.digests() ? TransferProtocol.hex(digest) : "";
            LOG.info("connection {} from {}: all {} bytes arrived, SHA-256 {}", TransferProtocol.id(connection.id()),
                    connection.remoteAddress(), expected, shown(digestHex));
            if (wantReceipt && !echo) {
                echo(connection, TransferProtocol.receipt(expected, digest));
            }
        }
    }

    private static String shown(String digestHex) {
        return digestHex.isEmpty() ? "not computed (the client asked for none)" : digestHex;
    }

    private void echo(Connection connection, ByteBuffer message) {
        if (!connection.isOpen()) {
            return;
        }
        if (backlog.isEmpty() && connection.send(message) == SendResult.ACCEPTED) {
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
        backlog.addLast(copy);
        backlogBytes += copy.remaining();
        if (backlogBytes > MAX_BACKLOG_BYTES) {
            LOG.warn("connection {} from {}: peer does not read its echoes ({} bytes waiting); closing",
                    TransferProtocol.id(connection.id()), connection.remoteAddress(), backlogBytes);
            backlog.clear();
            connection.close();
        }
    }

    @Override
    public void onWritable(Connection connection) {
        while (!backlog.isEmpty() && connection.isOpen()) {
            ByteBuffer head = backlog.peekFirst();
            if (connection.send(head) != SendResult.ACCEPTED) {
                return;
            }
            backlogBytes -= head.capacity();
            backlog.pollFirst();
        }
    }

    @Override
    public void onClosed(Connection connection, CloseCause cause) {
        String digest = shown(digestHex != null ? digestHex
                : received.digests() ? TransferProtocol.hex(received.finish()) : "");
        LOG.info("connection {} from {} closed ({}): received {} bytes{}, SHA-256 {}",
                TransferProtocol.id(connection.id()),
                connection.remoteAddress(), cause, received.count(),
                expected >= 0 ? " of " + expected + " announced" : "", digest);
    }
}
