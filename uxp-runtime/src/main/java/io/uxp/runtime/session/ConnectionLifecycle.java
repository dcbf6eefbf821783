package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ConnectionStats;
import io.uxp.kcp.KcpEngine;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.status.StatusFormat;
import io.uxp.runtime.worker.Worker;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one {@link UxpConnection}: its state (new, open, closing, close sent, closed), what keeps it
 * alive or ends it on each service turn (keepalive, idle timeout, dead link, an exhausted key), every way it
 * closes (a graceful close that flushes first, the peer's CLOSE, an abort on an error or a timeout, the server's
 * shutdown) and the events that follow its end.
 *
 * <p>Threading: the connection's worker only, except {@link #acceptsSends}, {@link #closeCause}, {@link #finalStats}
 * and {@link #refuseSends}, which any thread may call.
 */
final class ConnectionLifecycle {

    /** Logged as the connection's: these are its messages. */
    private static final Logger LOG = LoggerFactory.getLogger(UxpConnection.class);

    /** Where a connection is in its life. */
    enum State { NEW, OPEN, CLOSING, CLOSE_SENT, CLOSED }

    private final UxpConnection connection;
    private final Worker worker;
    private final ConnectionOwner owner;
    private final ConnectionSettings settings;
    private final Pipeline pipeline;
    private final KcpEngine kcp;
    private final Closing closing = new Closing();
    private final CompletableFuture<CloseCause> closedFuture = new CompletableFuture<>();
    private volatile boolean open = true;
    private volatile CloseCause closeCause;
    private volatile ConnectionStats finalStats;
    private State state = State.NEW;

    ConnectionLifecycle(UxpConnection connection, Worker worker, ConnectionOwner owner, ConnectionSettings settings,
            Pipeline pipeline) {
        this.connection = connection;
        this.worker = worker;
        this.owner = owner;
        this.settings = settings;
        this.pipeline = pipeline;
        this.kcp = pipeline.kcp();
    }

    State state() {
        return state;
    }

    /** @return whether the connection is in its open or graceful-close state, where data still moves */
    boolean live() {
        return state == State.OPEN || state == State.CLOSING;
    }

    /** @return whether sends are still accepted: not closed, and no close asked for. Any thread. */
    boolean acceptsSends() {
        return open;
    }

    /** A close was asked for: sends are refused from now on. Any thread. */
    void refuseSends() {
        open = false;
    }

    /** @return why the connection closed, or {@code null} while it has not. Any thread. */
    CloseCause closeCause() {
        return closeCause;
    }

    /** @return the counters as they were when the connection closed, or {@code null} while it has not. Any thread. */
    ConnectionStats finalStats() {
        return finalStats;
    }

    CompletableFuture<CloseCause> closed() {
        return closedFuture;
    }

    /** @return whether this moved a new connection to open (it does so once) */
    boolean open() {
        if (state != State.NEW) {
            return false;
        }
        state = State.OPEN;
        return true;
    }

    /** The peer's CLOSE arrived: the answer to ours, or a close of its own, which is answered. */
    void onPeerClose(int code, String detail, long now) {
        if (state == State.CLOSE_SENT || state == State.CLOSED) {
            // the answer to our CLOSE, or both sides closed at once
            closing.peerClosed(CloseCause.of(Kind.LOCAL_CLOSE));
            return;
        }
        closing.peerClosed(Closing.peerClose(code, detail));
        state = State.CLOSE_SENT;
        open = false;
        pipeline.sendClose(Frames.CLOSE_NORMAL, "close acknowledged", now);
    }

    /**
     * This side closes gracefully: queued data flushes first (at most the close flush timeout).
     *
     * @return whether the graceful close began (the connection was open)
     */
    boolean beginClose(long now) {
        if (state != State.OPEN) {
            return false;
        }
        state = State.CLOSING;
        closing.begin(now, settings.closeFlushTimeoutMillis());
        return true;
    }

    /**
     * One service turn's checks, after KCP and FEC were flushed: an exhausted key, a dead link, the path
     * validation's timer, the idle timeout, the keepalive, then the close handshake's next step.
     *
     * @return {@code false} if the connection closed
     */
    boolean onTurn(long now) {
        if (pipeline.keyExhausted()) {
            abort(Kind.PROTOCOL_ERROR, Frames.CLOSE_INTERNAL_ERROR, "the traffic key reached its usage limit", now);
            return false;
        }
        if (kcp.isDeadLink()) {
            abort(Kind.DEAD_LINK, Frames.CLOSE_INTERNAL_ERROR, "a segment was retransmitted "
                    + kcp.config().deadLinkThreshold() + " times without acknowledgement", now);
            return false;
        }
        if (live()) {
            pipeline.onPathTimer(now);
            if (now - pipeline.lastReceivedMillis() >= settings.idleTimeoutMillis()) {
                abort(Kind.IDLE_TIMEOUT, Frames.CLOSE_IDLE_TIMEOUT, "nothing received for "
                        + settings.idleTimeoutMillis() + " ms", now);
                return false;
            }
            if (now - pipeline.lastSentMillis() >= settings.keepaliveIntervalMillis()) {
                pipeline.sendKeepalive(now);
            }
        }
        if (state == State.CLOSING && closing.flushed(now, kcp.waitingToSend())) {
            state = State.CLOSE_SENT;
            closing.startSending(now);
        }
        if (state == State.CLOSE_SENT && closing.due(now)) {
            if (closing.done()) {
                finish(closing.cause(), now);
                return false;
            }
            pipeline.sendClose(Frames.CLOSE_NORMAL, "", now);
            closing.sent(now, kcp.stats().rtoMillis());
        }
        return true;
    }

    /**
     * @return when {@link #onTurn} has work next (a keepalive, the idle timeout, a FEC flush, the path timer, the
     *     end of a close's flush, a CLOSE repeat), in milliseconds; {@link Long#MAX_VALUE} for never
     */
    long nextDeadlineMillis() {
        long d = Long.MAX_VALUE;
        if (live()) {
            d = Math.min(d, pipeline.lastSentMillis() + settings.keepaliveIntervalMillis());
            d = Math.min(d, pipeline.lastReceivedMillis() + settings.idleTimeoutMillis());
            d = Math.min(d, Math.min(pipeline.nextFecFlushMillis(), pipeline.nextPathTimerMillis()));
            if (state == State.CLOSING) {
                d = Math.min(d, closing.flushDeadlineMillis());
            }
        } else if (state == State.CLOSE_SENT) {
            d = closing.resendAtMillis();
        }
        return d;
    }

    /** Closes at once because the server closes: a close message to the peer (twice), then the events. */
    void serverClose(long now) {
        open = false;
        try {
            pipeline.sendClose(Frames.CLOSE_SERVER_SHUTDOWN, "", now);
            pipeline.sendClose(Frames.CLOSE_SERVER_SHUTDOWN, "", now);
        } catch (ProviderFailure e) {
            LOG.debug("connection {}: no CLOSE sent: {}", StatusFormat.connectionId(connection.id()), e.getMessage());
        }
        finish(CloseCause.of(Kind.SERVER_CLOSED), now);
    }

    /** The handler threw from {@code callback}: the connection closes with {@code LOCAL_ERROR}. */
    void handlerFailed(String callback, RuntimeException e, long now) {
        LOG.warn("connection {}: the handler's {} threw; closing the connection",
                StatusFormat.connectionId(connection.id()), callback, e);
        abort(Kind.LOCAL_ERROR, Frames.CLOSE_INTERNAL_ERROR, "the handler's " + callback + " threw " + e, now);
    }

    /** A provider threw on the packet path: the connection closes with {@code LOCAL_ERROR} naming it. */
    void providerFailed(ProviderFailure e, long now) {
        LOG.warn("connection {}: {}; closing the connection", StatusFormat.connectionId(connection.id()),
                e.getMessage(), e.getCause());
        abort(Kind.LOCAL_ERROR, Frames.CLOSE_INTERNAL_ERROR, e.getMessage(), now);
    }

    private void abort(Kind kind, int code, String detail, long now) {
        open = false;
        if (state != State.CLOSED) {
            try {
                pipeline.sendClose(code, "", now);
            } catch (ProviderFailure e) {
                // the cipher itself failed: the peer learns of the close by its idle timeout
                LOG.debug("connection {}: no CLOSE sent: {}", StatusFormat.connectionId(connection.id()),
                        e.getMessage());
            }
        }
        finish(new CloseCause(kind, detail), now);
    }

    private void finish(CloseCause cause, long now) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        open = false;
        closeCause = cause;
        worker.cancel(connection);
        finalStats = connection.snapshot();
        ConnectionHandler handler = connection.handler();
        if (handler != null) {
            try {
                handler.onClosed(connection, cause);
            } catch (RuntimeException e) {
                LOG.warn("connection {}: the handler's onClosed threw", StatusFormat.connectionId(connection.id()),
                        e);
            }
        }
        owner.closed(connection, cause);
        pipeline.destroy();
        closedFuture.complete(cause);
    }
}
