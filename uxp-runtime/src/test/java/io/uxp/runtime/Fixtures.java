package io.uxp.runtime;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.api.ServerHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Servers and clients on 127.0.0.1 for the runtime's tests. */
final class Fixtures {
    static final ServerKeyPair KEYS = ServerKeyPair.generate(new SecureRandom());
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private Fixtures() {
    }

    /** A server handler that gives every connection a fresh handler and records the server's own events. */
    static final class Accepting implements ServerHandler {
        final Supplier<? extends ConnectionHandler> handlers;
        final List<Connection> opened = new CopyOnWriteArrayList<>();
        final List<ConnectionHandler> created = new CopyOnWriteArrayList<>();
        final List<CloseCause> connectionCloses = new CopyOnWriteArrayList<>();
        final AtomicInteger serverClosed = new AtomicInteger();
        final CompletableFuture<Connection> first = new CompletableFuture<>();
        volatile int closedBeforeServerClosed = -1;

        Accepting(Supplier<? extends ConnectionHandler> handlers) {
            this.handlers = handlers;
        }

        @Override
        public ConnectionHandler onConnectionOpened(Connection connection) {
            opened.add(connection);
            ConnectionHandler h = handlers.get();
            created.add(h);
            first.complete(connection);
            return h;
        }

        @Override
        public void onConnectionClosed(Connection connection, CloseCause cause) {
            connectionCloses.add(cause);
        }

        @Override
        public void onServerClosed() {
            closedBeforeServerClosed = connectionCloses.size();
            serverClosed.incrementAndGet();
        }

        Recorder recorder(int i) {
            return (Recorder) created.get(i);
        }
    }

    static UxpServer.Builder server(ServerHandler handler) {
        return UxpServer.builder().bind(LOOPBACK).security(ServerSecurity.staticKey(KEYS)).handler(handler)
                .workers(2);
    }

    static UxpClient.Builder client() {
        return UxpClient.builder().security(ClientSecurity.pinnedServerKey(KEYS.publicKey()));
    }

    static Connection connect(UxpClient client, InetSocketAddress server, ConnectionHandler handler)
            throws Exception {
        return client.connect(server, handler).get(10, TimeUnit.SECONDS);
    }

    /**
     * Sends all of {@code data} in messages of {@code chunk} bytes from the calling (foreign) thread, waiting
     * for onWritable on back-pressure, bounded in time.
     */
    static int sendAll(Connection c, Recorder r, byte[] data, int chunk) throws InterruptedException {
        int backpressure = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int off = 0; off < data.length; ) {
            int n = Math.min(chunk, data.length - off);
            if (c.send(ByteBuffer.wrap(data, off, n)) == SendResult.ACCEPTED) {
                off += n;
            } else {
                backpressure++;
                while (!c.isWritable() && !r.writablePermits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no room to send within 30 s");
                    }
                }
            }
        }
        return backpressure;
    }
}
