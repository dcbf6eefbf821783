package io.uxp.runtime.session;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionClosedException;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DeliveryMode;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.SendResult;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpEngine;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.DatagramTarget;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.status.StatusLog;
import io.uxp.runtime.worker.Scheduled;
import io.uxp.runtime.worker.Worker;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established connection: its {@link Pipeline}, its lifecycle (open, graceful close with flush, close
 * message, keepalive, idle timeout, dead link) and the {@link Connection} API.
 *
 * <p>Threading: owned by one {@link Worker}. Every field without {@code volatile} or an atomic type is touched
 * on that worker only; handler callbacks run there, one at a time. {@link #send}, {@link #close}, {@link #stats}
 * and {@link ReadControl} may be called from any thread: off the worker they hand their work to it (a send is
 * copied into a bounded hand-off queue).
 *
 * <p>A provider that throws on the packet path (a {@link ProviderFailure} out of the {@link Pipeline}) closes this
 * connection at once with {@code LOCAL_ERROR} and a detail naming the provider; the worker and its other
 * connections carry on.
 */
final class UxpConnection extends Scheduled implements Connection, ReadControl, DatagramTarget {

    private static final Logger LOG = LoggerFactory.getLogger(UxpConnection.class);
    /** How often a connection with status logging on logs its state (the ancestor's 5 s). */
    static final long STATUS_INTERVAL_MILLIS = 5_000;
    /** Messages delivered per service round before timers and other connections get a turn. */
    private static final int DELIVERY_BATCH = 1_024;
    /** How long {@link #stats()} waits for the owning worker, in milliseconds. */
    private static final long STATS_WAIT_MILLIS = 1_000;
    /**
     * Shortest wait before KCP's next timer, in microseconds: a pacer releases at most one burst per wake-up
     * (its credit holds 1 ms of rate), so waking more often than this saves nothing and costs CPU.
     */
    private static final long MIN_KCP_WAKE_MICROS = 50;

    private enum State { NEW, OPEN, CLOSING, CLOSE_SENT, CLOSED }

    private final Worker worker;
    private final ConnectionOwner owner;
    private final long id;
    private final NegotiatedSuite suite;
    private final ConnectionSettings settings;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final Pipeline pipeline;
    private final KcpEngine kcp;
    private final CompletableFuture<CloseCause> closedFuture = new CompletableFuture<>();
    private final Outbox outbox;
    private final Inbox inbox;
    private final Runnable touch = this::touch;
    private final Runnable closeTask = () -> beginClose(now());
    private final boolean confirmKeys;

    private static final java.lang.invoke.VarHandle TOUCH_QUEUED;

    static {
        try {
            TOUCH_QUEUED = java.lang.invoke.MethodHandles.lookup().findVarHandle(UxpConnection.class, "touchQueued",
                    boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether {@link #touch} waits in the worker's tasks; set by whoever queues it, cleared when it runs. */
    private volatile boolean touchQueued;
    private volatile boolean open = true;
    private volatile CloseCause closeCause;
    private volatile boolean readPaused;
    private volatile ConnectionStats finalStats;

    private ConnectionHandler handler;
    private State state = State.NEW;
    private byte[] firstPlaintext;
    private InetSocketAddress firstSource;
    private int firstDatagramBytes;
    private boolean kcpTouched;
    private final Closing closing = new Closing();
    private long nextStatusMillis;

    UxpConnection(Worker worker, ConnectionOwner owner, Session session, int conv, ConnectionSettings settings,
            ProviderRegistry registry, DatagramOut out, InetSocketAddress remote,
            boolean confirmKeys, long nowMillis) {
        this.worker = worker;
        this.owner = owner;
        this.id = session.localConnectionId();
        this.suite = session.suite();
        this.settings = settings;
        this.confirmKeys = confirmKeys;
        this.pipeline = new Pipeline(this, session, conv, settings, registry, out, remote, counters,
                worker.clock(), nowMillis, !confirmKeys);
        this.kcp = pipeline.kcp();
        this.outbox = new Outbox(kcp, settings.receiveWindow(), settings.deliveryMode());
        this.inbox = new Inbox(kcp, settings.deliveryMode());
    }

    /**
     * Opens the connection on its worker: the owner's and handler's ready events, then the server's first
     * record (already opened by the handshake) or the client's key-confirming record.
     *
     * @param plaintext the first record's plaintext on a server, or {@code null}
     * @param source the first record's source on a server, or {@code null}
     * @param datagramBytes the first record's datagram length on a server
     */
    void start(byte[] plaintext, InetSocketAddress source, int datagramBytes) {
        firstPlaintext = plaintext;
        firstSource = source;
        firstDatagramBytes = datagramBytes;
        worker.execute(() -> open(now()));
    }

    private void open(long now) {
        if (state != State.NEW) {
            return;
        }
        state = State.OPEN;
        nextStatusMillis = now + STATUS_INTERVAL_MILLIS;
        try {
            handler = owner.opened(this);
            handler.onReady(this);
        } catch (RuntimeException e) {
            handlerFailed("onReady", e, now);
            return;
        }
        owner.ready(this);
        try {
            pipeline.setNow(now, micros());
            if (confirmKeys) {
                pipeline.sendKeepalive(now);
            }
            if (firstPlaintext != null) {
                byte[] first = firstPlaintext;
                firstPlaintext = null;
                pipeline.inputPlaintext(first, 0, first.length, firstSource, firstDatagramBytes, now);
                firstSource = null;
            }
            kcp.update(micros());
        } catch (ProviderFailure e) {
            providerFailed(e, now);
            return;
        }
        worker.markDirty(this);
    }

    private long now() {
        return worker.clock().nowMillis();
    }

    private long micros() {
        return worker.clock().nowMicros();
    }

    @Override
    public void onDatagram(DatagramSlot slot, long nowMillis) {
        if (state == State.NEW) {
            open(nowMillis);
        }
        try {
            if (state == State.CLOSED) {
                counters.drop(io.uxp.api.DropReason.UNKNOWN_CONNECTION);
            } else {
                pipeline.input(slot.data, slot.length, slot.source, nowMillis);
                worker.markDirty(this);
            }
        } catch (ProviderFailure e) {
            providerFailed(e, nowMillis);
        } finally {
            slot.release();
        }
    }

    void onKcpInput() {
        kcpTouched = true;
    }

    void onPeerClose(int code, String detail) {
        if (state == State.CLOSE_SENT || state == State.CLOSED) {
            // the answer to our CLOSE, or both sides closed at once
            closing.peerClosed(CloseCause.of(Kind.LOCAL_CLOSE));
            return;
        }
        closing.peerClosed(Closing.peerClose(code, detail));
        state = State.CLOSE_SENT;
        open = false;
        pipeline.sendClose(Frames.CLOSE_NORMAL, "close acknowledged", now());
    }

    @Override
    protected void afterBatch(long nowMillis) {
        service(nowMillis, false);
    }

    @Override
    protected void onTimer(long nowMillis) {
        service(nowMillis, true);
    }

    /**
     * Queues {@link #touch} unless it is queued already: many sends from other threads between two loop turns cost
     * one task. Any thread.
     */
    private void requestTouch() {
        if (!touchQueued && TOUCH_QUEUED.compareAndSet(this, false, true)) {
            worker.execute(touch);
        }
    }

    private void touch() {
        touchQueued = false;
        if (state != State.CLOSED) {
            worker.markDirty(this);
        }
    }

    private void service(long now, boolean timer) {
        if (state == State.CLOSED || state == State.NEW) {
            return;
        }
        try {
            serve(now, timer);
        } catch (ProviderFailure e) {
            providerFailed(e, now);
        }
    }

    private void serve(long now, boolean timer) {
        long micros = micros();
        pipeline.setNow(now, micros);
        if (outbox.drain(state == State.OPEN || state == State.CLOSING)) {
            kcpTouched = true;
        }
        deliver(now);
        if (state == State.CLOSED) {
            return;
        }
        // update() flushes at the interval and, in the modern mode the pipeline uses, whenever check() says work
        // is due (a retransmission, a RACK deadline, the pacer's next release); new data or acknowledgements that
        // arrived since (kcpTouched) are flushed at once, but never twice in one pass
        // (with the reference's timing, check() may say "now" for a retransmission before the interval comes:
        // flush then too, or the timer would spin until the interval)
        boolean flushed = timer && kcp.update(micros);
        if (!flushed && (kcpTouched || (timer && kcp.waitingToSend() > 0 && kcp.check(micros) <= micros))) {
            kcp.flush(micros);
        }
        kcpTouched = false;
        pipeline.flushFec(now);
        if (pipeline.keyExhausted()) {
            abort(Kind.PROTOCOL_ERROR, Frames.CLOSE_INTERNAL_ERROR, "the traffic key reached its usage limit", now);
            return;
        }
        if (kcp.isDeadLink()) {
            abort(Kind.DEAD_LINK, Frames.CLOSE_INTERNAL_ERROR, "a segment was retransmitted "
                    + kcp.config().deadLinkThreshold() + " times without acknowledgement", now);
            return;
        }
        if (state == State.OPEN || state == State.CLOSING) {
            pipeline.onPathTimer(now);
            if (now - pipeline.lastReceivedMillis() >= settings.idleTimeoutMillis()) {
                abort(Kind.IDLE_TIMEOUT, Frames.CLOSE_IDLE_TIMEOUT, "nothing received for "
                        + settings.idleTimeoutMillis() + " ms", now);
                return;
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
                return;
            }
            pipeline.sendClose(Frames.CLOSE_NORMAL, "", now);
            closing.sent(now, kcp.stats().rtoMillis());
        }
        if (outbox.publishAndCheckWritable() && state == State.OPEN) {
            try {
                handler.onWritable(this);
            } catch (RuntimeException e) {
                handlerFailed("onWritable", e, now);
                return;
            }
        }
        if (settings.statusLogging() && now >= nextStatusMillis) {
            nextStatusMillis = now + STATUS_INTERVAL_MILLIS;
            StatusLog.connection(id, snapshot());
        }
        reschedule(now, micros);
    }

    private void reschedule(long now, long micros) {
        long d = Long.MAX_VALUE;
        long kcpMicros = Long.MAX_VALUE;
        if (state == State.OPEN || state == State.CLOSING) {
            if (kcp.waitingToSend() > 0) {
                kcpMicros = Math.max(kcp.check(micros), micros + MIN_KCP_WAKE_MICROS);
            }
            d = Math.min(d, pipeline.lastSentMillis() + settings.keepaliveIntervalMillis());
            d = Math.min(d, pipeline.lastReceivedMillis() + settings.idleTimeoutMillis());
            d = Math.min(d, Math.min(pipeline.nextFecFlushMillis(), pipeline.nextPathTimerMillis()));
            if (state == State.CLOSING) {
                d = Math.min(d, closing.flushDeadlineMillis());
            }
        } else if (state == State.CLOSE_SENT) {
            d = closing.resendAtMillis();
        }
        if (settings.statusLogging()) {
            d = Math.min(d, nextStatusMillis);
        }
        worker.scheduleMicros(this, Math.min(kcpMicros, d == Long.MAX_VALUE ? Long.MAX_VALUE : d * 1_000L));
    }

    private void deliver(long now) {
        for (int i = 0; !readPaused || state == State.CLOSE_SENT; i++) {
            if (i == DELIVERY_BATCH) {
                // more may be ready: continue on the next loop turn, after the other connections had theirs
                worker.execute(touch);
                return;
            }
            ByteBuffer message = inbox.next();
            if (message == null) {
                return;
            }
            kcpTouched = true;
            try {
                handler.onData(this, message);
            } catch (ConnectionClosedException e) {
                // the handler answered data that arrived before the peer's CLOSE: not a bug of the handler
                if (state == State.OPEN) {
                    handlerFailed("onData", e, now);
                    return;
                }
            } catch (RuntimeException e) {
                handlerFailed("onData", e, now);
                return;
            }
            if (state == State.CLOSED) {
                return;
            }
        }
    }

    private void handlerFailed(String callback, RuntimeException e, long now) {
        LOG.warn("connection {}: the handler's {} threw; closing the connection", io.uxp.runtime.status.StatusFormat.connectionId(id),
                callback, e);
        abort(Kind.LOCAL_ERROR, Frames.CLOSE_INTERNAL_ERROR, "the handler's " + callback + " threw " + e, now);
    }

    private void providerFailed(ProviderFailure e, long now) {
        LOG.warn("connection {}: {}; closing the connection", io.uxp.runtime.status.StatusFormat.connectionId(id), e.getMessage(), e.getCause());
        abort(Kind.LOCAL_ERROR, Frames.CLOSE_INTERNAL_ERROR, e.getMessage(), now);
    }

    private void beginClose(long now) {
        open = false;
        if (state == State.NEW) {
            open(now);
        }
        if (state == State.OPEN) {
            state = State.CLOSING;
            closing.begin(now, settings.closeFlushTimeoutMillis());
            worker.markDirty(this);
        }
    }

    /** Closes at once because the server closes: a close message to the peer (twice), then the events. */
    void serverClose() {
        if (state == State.CLOSED) {
            return;
        }
        long now = now();
        if (state == State.NEW) {
            open(now);
        }
        open = false;
        try {
            pipeline.sendClose(Frames.CLOSE_SERVER_SHUTDOWN, "", now);
            pipeline.sendClose(Frames.CLOSE_SERVER_SHUTDOWN, "", now);
        } catch (ProviderFailure e) {
            LOG.debug("connection {}: no CLOSE sent: {}", io.uxp.runtime.status.StatusFormat.connectionId(id), e.getMessage());
        }
        finish(CloseCause.of(Kind.SERVER_CLOSED), now);
    }

    private void abort(Kind kind, int code, String detail, long now) {
        open = false;
        if (state != State.CLOSED) {
            try {
                pipeline.sendClose(code, "", now);
            } catch (ProviderFailure e) {
                // the cipher itself failed: the peer learns of the close by its idle timeout
                LOG.debug("connection {}: no CLOSE sent: {}", io.uxp.runtime.status.StatusFormat.connectionId(id), e.getMessage());
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
        worker.cancel(this);
        finalStats = snapshot();
        if (handler != null) {
            try {
                handler.onClosed(this, cause);
            } catch (RuntimeException e) {
                LOG.warn("connection {}: the handler's onClosed threw", io.uxp.runtime.status.StatusFormat.connectionId(id), e);
            }
        }
        owner.closed(this, cause);
        pipeline.destroy();
        closedFuture.complete(cause);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return pipeline.remote();
    }

    @Override
    public NegotiatedSuite suite() {
        return suite;
    }

    @Override
    public DeliveryMode deliveryMode() {
        return settings.deliveryMode();
    }

    @Override
    public int maxMessageBytes() {
        return outbox.maxMessageBytes();
    }

    @Override
    public SendResult send(ByteBuffer message) {
        if (!open) {
            CloseCause c = closeCause;
            throw new ConnectionClosedException(c != null ? c : CloseCause.of(Kind.LOCAL_CLOSE));
        }
        int length = outbox.admit(message);
        if (worker.inWorker()) {
            SendResult r = outbox.sendOnWorker(message, length);
            if (r == SendResult.ACCEPTED) {
                kcpTouched = true;
                worker.markDirty(this);
            }
            return r;
        }
        SendResult r = outbox.sendFromOtherThread(message, length);
        // also after BACKPRESSURE: the worker then re-checks the room and fires onWritable if it is there already
        requestTouch();
        return r;
    }

    @Override
    public boolean isWritable() {
        return open && outbox.hasRoom();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        if (worker.inWorker()) {
            beginClose(now());
        } else {
            worker.execute(closeTask);
        }
    }

    @Override
    public CompletionStage<CloseCause> closed() {
        return closedFuture;
    }

    @Override
    public ConnectionStats stats() {
        ConnectionStats done = finalStats;
        if (done != null) {
            return done;
        }
        ConnectionStats s = worker.call(() -> finalStats != null ? finalStats : snapshot(), STATS_WAIT_MILLIS);
        // null: the worker is stuck in a blocking handler; a racy snapshot is better than none for monitoring
        return s != null ? s : snapshot();
    }

    private ConnectionStats snapshot() {
        return counters.snapshot(suite, kcp.stats(), pipeline.fecDecoder(), pipeline.generations());
    }

    @Override
    public void pauseReading() {
        readPaused = true;
    }

    @Override
    public void resumeReading() {
        readPaused = false;
        worker.execute(touch);
    }

    Worker worker() {
        return worker;
    }

    ConnectionCounters counters() {
        return counters;
    }

    @Override
    public String toString() {
        return "Connection[" + io.uxp.runtime.status.StatusFormat.connectionId(id) + " " + remoteAddress() + " " + suite + "]";
    }
}
