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
import io.uxp.runtime.session.ConnectionLifecycle.State;
import io.uxp.runtime.status.StatusFormat;
import io.uxp.runtime.status.StatusLog;
import io.uxp.runtime.worker.Scheduled;
import io.uxp.runtime.worker.Worker;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * An established connection: its {@link Pipeline}, its service turns on the worker (queued sends into KCP, received
 * messages out to the handler through its {@link Delivery}, KCP flushes, the next wake-up) and the
 * {@link Connection} API. Its lifecycle (open, graceful close with flush, close message, keepalive, idle timeout,
 * dead link) is its {@link ConnectionLifecycle}.
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

    /** How often a connection with status logging on logs its state (the ancestor's 5 s). */
    static final long STATUS_INTERVAL_MILLIS = 5_000;
    /** How long {@link #stats()} waits for the owning worker, in milliseconds. */
    private static final long STATS_WAIT_MILLIS = 1_000;

    private final Worker worker;
    private final ConnectionOwner owner;
    private final long id;
    private final NegotiatedSuite suite;
    private final ConnectionSettings settings;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final Pipeline pipeline;
    private final KcpEngine kcp;
    private final KcpTurn kcpTurn;
    private final ConnectionLifecycle lifecycle;
    private final Outbox outbox;
    private final Delivery delivery;
    /** A service turn on the next loop turn, queued once however many threads ask. */
    private final CoalescedTask touch;
    private final Runnable closeTask = () -> beginClose(now());
    private final boolean confirmKeys;

    private ConnectionHandler handler;
    private byte[] firstPlaintext;
    private InetSocketAddress firstSource;
    private int firstDatagramBytes;
    private long nextStatusMillis;
    /** A provider failure met by a flush on a borrowed loop, for the worker to close on (handlers run there). */
    private ProviderFailure deferredFailure;

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
        this.kcpTurn = new KcpTurn(kcp);
        this.outbox = new Outbox(kcp, settings.receiveWindow(), settings.deliveryMode());
        this.lifecycle = new ConnectionLifecycle(this, worker, owner, settings, pipeline);
        this.touch = new CoalescedTask(worker, this::onTouch);
        this.delivery = new Delivery(this, new Inbox(kcp, settings.deliveryMode()), lifecycle, worker, touch);
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
        if (!lifecycle.open()) {
            return;
        }
        nextStatusMillis = now + STATUS_INTERVAL_MILLIS;
        try {
            handler = owner.opened(this);
            handler.onReady(this);
        } catch (RuntimeException e) {
            lifecycle.handlerFailed("onReady", e, now);
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
            lifecycle.providerFailed(e, now);
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
        if (lifecycle.state() == State.NEW) {
            open(nowMillis);
        }
        try {
            if (lifecycle.state() == State.CLOSED) {
                counters.drop(io.uxp.api.DropReason.UNKNOWN_CONNECTION);
            } else {
                pipeline.input(slot.data, slot.length, slot.source, nowMillis);
                worker.markDirty(this);
            }
        } catch (ProviderFailure e) {
            lifecycle.providerFailed(e, nowMillis);
        } finally {
            slot.release();
        }
    }

    void onKcpInput() {
        kcpTurn.touch();
    }

    void onPeerClose(int code, String detail) {
        lifecycle.onPeerClose(code, detail, now());
    }

    @Override
    protected void afterBatch(long nowMillis) {
        service(nowMillis, false);
    }

    @Override
    protected void onTimer(long nowMillis) {
        service(nowMillis, true);
    }

    private void onTouch() {
        if (lifecycle.state() != State.CLOSED) {
            worker.markDirty(this);
        }
    }

    private void service(long now, boolean timer) {
        State state = lifecycle.state();
        if (state == State.CLOSED || state == State.NEW) {
            return;
        }
        try {
            serve(now, timer);
        } catch (ProviderFailure e) {
            lifecycle.providerFailed(e, now);
        }
    }

    private void serve(long now, boolean timer) {
        if (deferredFailure != null) {
            ProviderFailure e = deferredFailure;
            deferredFailure = null;
            throw e;
        }
        long micros = micros();
        pipeline.setNow(now, micros);
        if (outbox.drain(lifecycle.live())) {
            kcpTurn.touch();
        }
        if (delivery.deliver(handler, now)) {
            kcpTurn.touch();
        }
        if (lifecycle.state() == State.CLOSED) {
            return;
        }
        kcpTurn.flush(micros, timer);
        pipeline.flushFec(now);
        if (!lifecycle.onTurn(now)) {
            return;
        }
        if (outbox.publishAndCheckWritable() && lifecycle.state() == State.OPEN) {
            try {
                handler.onWritable(this);
            } catch (RuntimeException e) {
                lifecycle.handlerFailed("onWritable", e, now);
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
        long kcpMicros = lifecycle.live() ? kcpTurn.nextWakeMicros(micros) : Long.MAX_VALUE;
        long d = lifecycle.nextDeadlineMillis();
        if (settings.statusLogging()) {
            d = Math.min(d, nextStatusMillis);
        }
        worker.scheduleMicros(this, Math.min(kcpMicros, d == Long.MAX_VALUE ? Long.MAX_VALUE : d * 1_000L));
    }

    private void beginClose(long now) {
        lifecycle.refuseSends();
        if (lifecycle.state() == State.NEW) {
            open(now);
        }
        if (lifecycle.beginClose(now)) {
            worker.markDirty(this);
        }
    }

    /** Closes at once because the server closes: a close message to the peer (twice), then the events. */
    void serverClose() {
        if (lifecycle.state() == State.CLOSED) {
            return;
        }
        long now = now();
        if (lifecycle.state() == State.NEW) {
            open(now);
        }
        lifecycle.serverClose(now);
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
        if (!lifecycle.acceptsSends()) {
            CloseCause c = lifecycle.closeCause();
            throw new ConnectionClosedException(c != null ? c : CloseCause.of(Kind.LOCAL_CLOSE));
        }
        int length = outbox.admit(message);
        if (worker.inWorker()) {
            SendResult r = outbox.sendOnWorker(message, length);
            if (r == SendResult.ACCEPTED) {
                kcpTurn.touch();
                worker.markDirty(this);
            }
            return r;
        }
        if (worker.tryBorrow()) {
            SendResult r;
            try {
                r = sendOnBorrowedLoop(message, length);
            } finally {
                worker.giveBack();
            }
            if (r != null) {
                return r;
            }
        }
        SendResult r = outbox.sendFromOtherThread(message, length);
        // also after BACKPRESSURE: the worker then re-checks the room and fires onWritable if it is there already
        touch.request();
        return r;
    }

    /**
     * A send from another thread while the worker waits and lent this thread its loop: what other threads handed
     * off first, then this message, go into KCP and are flushed here, so the datagram leaves without waiting for
     * the worker to wake. No handler runs on this (the application's) thread: anything that needs one (a provider
     * failure, room again after BACKPRESSURE) is left to the worker's next turn.
     *
     * @return the result, or {@code null} when the worker must take the message as from a busy worker (the
     *     connection is not opened on it yet, closed meanwhile, or failed)
     */
    private SendResult sendOnBorrowedLoop(ByteBuffer message, int length) {
        State state = lifecycle.state();
        if (state == State.NEW || state == State.CLOSED || deferredFailure != null) {
            return null;
        }
        long now = now();
        long micros = micros();
        pipeline.setNow(now, micros);
        outbox.drain(lifecycle.live());
        SendResult r = outbox.sendOnWorker(message, length);
        try {
            kcp.flush(micros);
            pipeline.flushFec(now);
        } catch (ProviderFailure e) {
            deferredFailure = e;
        }
        if (outbox.publish() || r != SendResult.ACCEPTED || deferredFailure != null) {
            worker.markDirty(this); // the worker's turn fires onWritable or closes; giveBack wakes it for that
        }
        reschedule(now, micros);
        return r;
    }

    @Override
    public boolean isWritable() {
        return lifecycle.acceptsSends() && outbox.hasRoom();
    }

    @Override
    public boolean isOpen() {
        return lifecycle.acceptsSends();
    }

    @Override
    public void close() {
        lifecycle.refuseSends();
        if (worker.inWorker()) {
            beginClose(now());
        } else {
            worker.execute(closeTask);
        }
    }

    @Override
    public CompletionStage<CloseCause> closed() {
        return lifecycle.closed();
    }

    @Override
    public ConnectionStats stats() {
        ConnectionStats done = lifecycle.finalStats();
        if (done != null) {
            return done;
        }
        ConnectionStats s = worker.call(() -> {
            ConnectionStats last = lifecycle.finalStats();
            return last != null ? last : snapshot();
        }, STATS_WAIT_MILLIS);
        // null: the worker is stuck in a blocking handler; a racy snapshot is better than none for monitoring
        return s != null ? s : snapshot();
    }

    ConnectionStats snapshot() {
        return counters.snapshot(suite, kcp.stats(), pipeline.fecDecoder(), pipeline.generations());
    }

    @Override
    public void pauseReading() {
        delivery.pause();
    }

    @Override
    public void resumeReading() {
        delivery.resume();
    }

    Worker worker() {
        return worker;
    }

    ConnectionCounters counters() {
        return counters;
    }

    /** @return the handler, or {@code null} before the connection opened */
    ConnectionHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "Connection[" + StatusFormat.connectionId(id) + " " + remoteAddress() + " " + suite + "]";
    }
}
