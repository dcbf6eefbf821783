package io.uxp.runtime.robustness;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionClosedException;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The two ends of one {@link SoakTest} connection. Each message is {@code token (8) || sequence (8) || random
 * bytes}: the client's {@link Sender} digests what it sent, the server's {@link Checker} finds itself by the token,
 * checks that sequence numbers arrive each exactly once and in order, and digests what arrived.
 */
final class SoakTraffic {
    /** Token and sequence number. */
    static final int HEADER_BYTES = 2 * Long.BYTES;
    /** Largest message: two KCP segments at most. */
    static final int MAX_MESSAGE_BYTES = 2_000;

    private SoakTraffic() {
    }

    /** The client side: sends numbered messages when told to, from the test's thread. */
    static final class Sender implements ConnectionHandler {
        final long token;
        final InetSocketAddress local;
        final CompletableFuture<CloseCause> closed = new CompletableFuture<>();
        private final SplittableRandom random;
        private final MessageDigest sha = LiveAbuseTest.sha256();
        private final byte[] message = new byte[MAX_MESSAGE_BYTES];
        volatile Connection connection;
        long readyNanos;
        long closeRequestedNanos;
        long sentMessages;
        long sentBytes;
        long backpressured;
        boolean stuckReported;

        Sender(long token, InetSocketAddress local) {
            this.token = token;
            this.local = local;
            this.random = new SplittableRandom(token);
        }

        /** Sends the next message unless the connection pushes back. Test thread only. */
        void sendOne() {
            int n = HEADER_BYTES + random.nextInt(MAX_MESSAGE_BYTES - HEADER_BYTES + 1);
            random.nextBytes(message);      // the whole array, of which n bytes go out: simple, and fast enough
            ByteBuffer.wrap(message).putLong(token).putLong(sentMessages);
            SendResult r;
            try {
                r = connection.send(ByteBuffer.wrap(message, 0, n));
            } catch (ConnectionClosedException e) {
                return;         // it closed by itself: the test reports that once onClosed has run
            }
            if (r == SendResult.ACCEPTED) {
                sha.update(message, 0, n);
                sentMessages++;
                sentBytes += n;
            } else {
                backpressured++;
            }
        }

        byte[] digest() {
            return sha.digest();
        }

        @Override
        public void onData(Connection c, ByteBuffer data) {
        }

        @Override
        public void onClosed(Connection c, CloseCause cause) {
            closed.complete(cause);
        }
    }

    /** The server side: checks order and uniqueness, counts and digests. Its worker writes; the test reads. */
    static final class Checker implements ConnectionHandler {
        private final Map<Long, Checker> byToken;
        private final MessageDigest sha = LiveAbuseTest.sha256();
        private long token = -1;
        private long expected;
        volatile Connection connection;
        volatile long messages;
        volatile long bytes;
        volatile long lastProgressNanos;
        volatile long outOfOrder;
        volatile String firstError;
        volatile CloseCause closedBy;

        /** @param byToken where the checker registers under its client's token, on its first message */
        Checker(Map<Long, Checker> byToken) {
            this.byToken = byToken;
        }

        @Override
        public void onReady(Connection c) {
            connection = c;
        }

        @Override
        public synchronized void onData(Connection c, ByteBuffer data) {
            int n = data.remaining();
            if (n < HEADER_BYTES) {
                error("a message of " + n + " bytes, shorter than its header");
                return;
            }
            long t = data.getLong(data.position());
            long seq = data.getLong(data.position() + Long.BYTES);
            if (token == -1) {
                token = t;
                byToken.put(t, this);
            }
            if (t != token || seq != expected) {
                error("message token " + t + " seq " + seq + ", expected token " + token + " seq " + expected);
            }
            expected = seq + 1;
            sha.update(data);
            messages++;
            bytes += n;
            lastProgressNanos = System.nanoTime();
        }

        private void error(String what) {
            outOfOrder++;
            if (firstError == null) {
                firstError = what;
            }
        }

        synchronized byte[] digest() {
            try {
                return ((MessageDigest) sha.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void onClosed(Connection c, CloseCause cause) {
            closedBy = cause;
        }
    }
}
