package io.uxp.cli.transfer;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ConnectionStats;
import io.uxp.api.DeliveryMode;
import io.uxp.api.NegotiatedSuite;
import io.uxp.api.SendResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Two in-memory message-mode connections wired to each other: a send is delivered at once to the peer's
 * handler. Each side accepts {@code budget} sends, then answers back-pressure until {@link #release} fires
 * its handler's {@code onWritable}. Single-threaded, for tests of the transfer handlers without sockets.
 */
final class FakeLink {

    final End client;
    final End server;

    FakeLink(ConnectionHandler clientHandler, ConnectionHandler serverHandler, int budget, int maxMessage) {
        client = new End(1, clientHandler, budget, maxMessage);
        server = new End(2, serverHandler, budget, maxMessage);
        client.peer = server;
        server.peer = client;
    }

    void open() {
        server.handler.onReady(server);
        client.handler.onReady(client);
    }

    /** Gives both sides their budget back and fires onWritable where a sender was refused. */
    void release() {
        for (End e : new End[] {client, server}) {
            e.left = e.budget;
            if (e.refused) {
                e.refused = false;
                e.handler.onWritable(e);
            }
        }
    }

    /** One end of the link. */
    static final class End implements Connection {
        private final long id;
        private final ConnectionHandler handler;
        private final int budget;
        private final int maxMessage;
        private final CompletableFuture<CloseCause> closed = new CompletableFuture<>();
        End peer;
        int left;
        boolean refused;
        long messages;

        End(long id, ConnectionHandler handler, int budget, int maxMessage) {
            this.id = id;
            this.handler = handler;
            this.budget = budget;
            this.left = budget;
            this.maxMessage = maxMessage;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1000 + (int) peer.id);
        }

        @Override
        public NegotiatedSuite suite() {
            return new NegotiatedSuite("test", NegotiatedSuite.NO_FEC, null, "test");
        }

        @Override
        public DeliveryMode deliveryMode() {
            return DeliveryMode.MESSAGE;
        }

        @Override
        public int maxMessageBytes() {
            return maxMessage;
        }

        @Override
        public SendResult send(ByteBuffer message) {
            if (message.remaining() > maxMessage) {
                throw new io.uxp.api.MessageTooLargeException(message.remaining(), maxMessage);
            }
            if (left == 0) {
                refused = true;
                return SendResult.BACKPRESSURE;
            }
            left--;
            messages++;
            ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
            peer.handler.onData(peer, copy);
            return SendResult.ACCEPTED;
        }

        @Override
        public boolean isWritable() {
            return left > 0;
        }

        @Override
        public boolean isOpen() {
            return !closed.isDone();
        }

        @Override
        public void close() {
            if (closed.complete(CloseCause.of(CloseCause.Kind.LOCAL_CLOSE))) {
                handler.onClosed(this, CloseCause.of(CloseCause.Kind.LOCAL_CLOSE));
                peer.closeByPeer();
            }
        }

        void closeByPeer() {
            if (closed.complete(CloseCause.of(CloseCause.Kind.PEER_CLOSE))) {
                handler.onClosed(this, CloseCause.of(CloseCause.Kind.PEER_CLOSE));
            }
        }

        @Override
        public CompletionStage<CloseCause> closed() {
            return closed;
        }

        @Override
        public ConnectionStats stats() {
            throw new UnsupportedOperationException("not needed by the transfer handlers");
        }
    }
}
