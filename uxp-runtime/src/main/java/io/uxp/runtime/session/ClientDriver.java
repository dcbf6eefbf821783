package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.DropReason;
import io.uxp.api.HandshakeException;
import io.uxp.runtime.handshake.ClientHandshake;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.DatagramTarget;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.worker.Scheduled;
import io.uxp.runtime.worker.Worker;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection's socket and handshake, on its worker: sends the ClientHello, retransmits it on the
 * handshake's timer, and on success builds the {@link UxpConnection}, which then receives the socket's
 * datagrams. Completes the caller's future after the handler's {@code onReady}, or fails it with the
 * handshake's {@link HandshakeException}. Its worker reads the socket and queues each slot to itself.
 */
final class ClientDriver extends Scheduled implements DatagramTarget, Inbound, ConnectionOwner {

    private final ClientEndpoint client;
    private final Worker worker;
    private final DatagramOut out;
    private final EndpointSocket socket;
    private final InetSocketAddress server;
    private final ConnectionHandler handler;
    private final ClientHandshake handshake;
    private final CompletableFuture<Connection> future;
    private volatile DatagramTarget target = this;
    private volatile UxpConnection connection;
    private boolean done;

    /** @return the worker that owns this connection and reads its socket */
    Worker worker() {
        return worker;
    }

    ClientDriver(ClientEndpoint client, Worker worker, DatagramOut out, EndpointSocket socket,
            InetSocketAddress server, ConnectionHandler handler, ClientHandshake handshake,
            CompletableFuture<Connection> future) {
        this.client = client;
        this.worker = worker;
        this.out = out;
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.handshake = handshake;
        this.future = future;
    }

    /** Sends the first ClientHello, on the worker. */
    void begin() {
        worker.execute(() -> {
            long now = worker.clock().nowMillis();
            byte[] hello;
            try {
                hello = handshake.start(now);
            } catch (HandshakeException e) {
                fail(e);
                return;
            }
            send(hello);
            worker.schedule(this, handshake.nextTimeoutMillis());
        });
    }

    private void send(byte[] datagram) {
        if (out.send(datagram, 0, datagram.length, server) < 0) {
            fail(new HandshakeException(HandshakeException.Reason.TIMEOUT, "cannot send to " + server
                    + ": the socket failed"));
        }
    }

    // ---- the socket's reader (this worker) ----

    @Override
    public void onReceived(DatagramSlot slot) {
        slot.target = target;
        if (!worker.offer(slot)) {
            UxpConnection c = connection;
            if (c != null) {
                c.counters().drop(DropReason.QUEUE_FULL);
            }
            slot.release();
        }
    }

    @Override
    public void onNoSlot() {
        UxpConnection c = connection;
        if (c != null) {
            c.counters().drop(DropReason.QUEUE_FULL);
        }
    }

    @Override
    public void onChannelError(Exception error) {
        worker.execute(() -> {
            if (connection == null) {
                fail(new HandshakeException(HandshakeException.Reason.TIMEOUT, "the socket failed: " + error));
            }
        });
    }

    // ---- worker ----

    @Override
    public void onDatagram(DatagramSlot slot, long nowMillis) {
        UxpConnection c = connection;
        if (c != null) {
            // a datagram queued before the switch: the connection takes it
            c.onDatagram(slot, nowMillis);
            return;
        }
        try {
            if (done) {
                return;
            }
            switch (handshake.onDatagram(slot.data, 0, slot.length, nowMillis)) {
                case SEND -> send(handshake.outgoing());
                case ESTABLISHED -> established(handshake.session(), nowMillis);
                case FAILED -> fail(handshake.failure());
                case IGNORED -> {
                    // not for this handshake (a stray datagram); the handshake keeps waiting
                }
            }
        } finally {
            slot.release();
        }
        if (!done) {
            worker.schedule(this, handshake.nextTimeoutMillis());
        }
    }

    private void established(Session session, long now) {
        done = true;
        worker.cancel(this);
        UxpConnection c;
        try {
            c = new UxpConnection(worker, this, session, (int) session.peerConnectionId(),
                    client.settings(), client.registry(), out, server, true, now);
        } catch (ProviderFailure e) {
            // a provider could not make the connection's state: fail the connect, naming it
            release();
            future.completeExceptionally(new io.uxp.api.ConnectionClosedException(
                    new CloseCause(CloseCause.Kind.LOCAL_ERROR, e.getMessage())));
            return;
        }
        connection = c;
        target = c;
        c.start(null, null, 0);
    }

    @Override
    protected void onTimer(long nowMillis) {
        if (done) {
            return;
        }
        switch (handshake.onTimeout(nowMillis)) {
            case SEND -> send(handshake.outgoing());
            case FAILED -> fail(handshake.failure());
            default -> {
            }
        }
        if (!done) {
            worker.schedule(this, handshake.nextTimeoutMillis());
        }
    }

    @Override
    protected void afterBatch(long nowMillis) {
        // the handshake reschedules itself in onDatagram
    }

    private void fail(HandshakeException e) {
        if (done) {
            return;
        }
        done = true;
        worker.cancel(this);
        release();
        future.completeExceptionally(e);
    }

    /** Abandons a handshake still in progress because the client closes. */
    void abandon() {
        worker.execute(() -> fail(new HandshakeException(HandshakeException.Reason.REJECTED,
                "the client was closed before the handshake completed")));
    }

    private void release() {
        client.unregister(this, socket);
        socket.close();
    }

    // ---- connection events ----

    @Override
    public ConnectionHandler opened(UxpConnection c) {
        return handler;
    }

    @Override
    public void ready(UxpConnection c) {
        future.complete(c);
    }

    @Override
    public void closed(UxpConnection c, CloseCause cause) {
        release();
        // a connection closed before onReady returned (the handler closed it) still settles the future
        future.completeExceptionally(new io.uxp.api.ConnectionClosedException(cause));
    }

    UxpConnection connection() {
        return connection;
    }
}
