package io.uxp.runtime.session;

import io.uxp.api.DropReason;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a server's datagrams go, decided on the thread that read them (the receive thread, or a worker reading its
 * own socket): a protected record whose destination connection ID is in the table to that connection's worker,
 * everything else to the handshake {@link Acceptor} on its worker. A datagram its worker's queue refuses is dropped
 * as {@code QUEUE_FULL}. Thread-safe.
 */
final class ServerRouter implements Inbound {

    /** Logged as the server's: the socket is the server's. */
    private static final Logger LOG = LoggerFactory.getLogger(ServerEndpoint.class);

    private final ServerEndpoint server;
    private final ConnectionTable<UxpConnection> table;
    private final Acceptor acceptor;
    private final Worker acceptorWorker;
    private final ServerCounters counters;

    ServerRouter(ServerEndpoint server, ConnectionTable<UxpConnection> table, Acceptor acceptor,
            Worker acceptorWorker, ServerCounters counters) {
        this.server = server;
        this.table = table;
        this.acceptor = acceptor;
        this.acceptorWorker = acceptorWorker;
        this.counters = counters;
    }

    @Override
    public void onReceived(DatagramSlot slot) {
        counters.received(slot.length);
        Worker w;
        if (slot.length >= RecordHeader.LENGTH && RecordHeader.isProtected(slot.data[0])) {
            UxpConnection c = table.get(RecordHeader.connectionId(slot.data, 0));
            if (c != null) {
                slot.target = c;
                w = c.worker();
            } else {
                slot.target = acceptor;
                w = acceptorWorker;
            }
        } else {
            slot.target = acceptor;
            w = acceptorWorker;
        }
        if (!w.offer(slot)) {
            counters.drop(DropReason.QUEUE_FULL);
            slot.release();
        }
    }

    @Override
    public void onNoSlot() {
        counters.receivedWithoutSlot();
    }

    @Override
    public void onChannelError(Exception error) {
        if (!server.isClosing()) {
            LOG.error("UXP server socket {} failed; the server stops receiving: {}", server.localAddress(),
                    error.toString());
        }
    }
}
