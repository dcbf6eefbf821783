package io.uxp.runtime.session;

import io.uxp.api.DropReason;
import io.uxp.runtime.handshake.ServerHandshake;
import io.uxp.runtime.handshake.Session;
import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.DatagramTarget;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.status.StatusLog;
import io.uxp.runtime.worker.Scheduled;
import io.uxp.runtime.worker.Worker;
import java.util.Arrays;

/**
 * The server's handshakes, on the first worker: every datagram that is not a record of a known connection
 * comes here, goes through {@link ServerHandshake} (which counts and drops what is bad), and a completed
 * handshake becomes a {@link UxpConnection} handed to the worker that will own it. Also runs the server's
 * periodic status line. Worker thread only.
 */
final class Acceptor extends Scheduled implements DatagramTarget {

    private final ServerEndpoint server;
    private final ServerHandshake handshake;
    private final Worker worker;
    /** The first socket, seen from this worker: where handshake replies leave. */
    private final DatagramOut replies;
    private long handshakesCompleted;
    private long repliesSent;
    private long replyBytes;
    private long nextStatusMillis;

    Acceptor(ServerEndpoint server, ServerHandshake handshake, Worker worker, DatagramOut replies) {
        this.server = server;
        this.handshake = handshake;
        this.worker = worker;
        this.replies = replies;
    }

    /** Starts the status timer, on the worker. */
    void start() {
        worker.execute(() -> {
            nextStatusMillis = worker.clock().nowMillis() + UxpConnection.STATUS_INTERVAL_MILLIS;
            reschedule();
        });
    }

    @Override
    public void onDatagram(DatagramSlot slot, long nowMillis) {
        if (!handOn(slot)) {
            try {
                accept(slot, nowMillis);
            } finally {
                slot.release();
            }
        }
        reschedule();
    }

    /** A record that raced with its connection's registration goes on to the connection's worker. */
    private boolean handOn(DatagramSlot slot) {
        if (slot.length < RecordHeader.LENGTH || !RecordHeader.isProtected(slot.data[0])) {
            return false;
        }
        UxpConnection c = server.table().get(RecordHeader.connectionId(slot.data, 0));
        if (c == null) {
            return false;
        }
        slot.target = c;
        if (!c.worker().offer(slot)) {
            server.countDrop(DropReason.QUEUE_FULL);
            slot.release();
        }
        return true;
    }

    private void accept(DatagramSlot slot, long now) {
        if (server.isClosing()) {
            return;
        }
        boolean full = slot.length > 0 && slot.data[0] == ServerEndpoint.CLIENT_HELLO && server.atConnectionLimit();
        ServerHandshake.Outcome outcome = full
                ? handshake.refuse(slot.source, slot.data, 0, slot.length, server.limitMessage(), now)
                : handshake.onDatagram(slot.source, slot.data, 0, slot.length, now);
        switch (outcome) {
            case REPLY -> {
                byte[] reply = handshake.reply();
                if (replies.send(reply, 0, reply.length, slot.source) > 0) {
                    repliesSent++;
                    replyBytes += reply.length;
                }
            }
            case ESTABLISHED -> {
                Session session = handshake.established();
                int from = handshake.payloadOffset();
                byte[] first = Arrays.copyOfRange(slot.data, from, from + handshake.payloadLength());
                handshakesCompleted++;
                server.adopt(session, handshake.helloAddress(), slot.source, slot.length, first, slot.via, now);
            }
            case DROPPED -> {
                // counted by the handshake, by reason
            }
        }
    }

    private void reschedule() {
        long d = handshake.nextTimeoutMillis();
        if (server.statusLogging()) {
            d = Math.min(d, nextStatusMillis);
        }
        worker.schedule(this, d);
    }

    @Override
    protected void onTimer(long nowMillis) {
        handshake.onTimeout(nowMillis);
        if (server.statusLogging() && nowMillis >= nextStatusMillis) {
            nextStatusMillis = nowMillis + UxpConnection.STATUS_INTERVAL_MILLIS;
            StatusLog.server(server.localAddress(), server.stats());
        }
        reschedule();
    }

    @Override
    protected void afterBatch(long nowMillis) {
        reschedule();
    }

    long handshakesCompleted() {
        return handshakesCompleted;
    }

    long handshakesFailed() {
        return handshake.drops(DropReason.HANDSHAKE_INVALID) + handshake.drops(DropReason.HANDSHAKE_LIMITED);
    }

    int pending() {
        return handshake.pendingCount();
    }

    long drops(DropReason reason) {
        return handshake.drops(reason);
    }

    long repliesSent() {
        return repliesSent;
    }

    long replyBytes() {
        return replyBytes;
    }
}
