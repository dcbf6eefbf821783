package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 100 concurrent clients each send 1 MiB to one server; the server answers each with the SHA-256 of what it
 * received, and each client compares it with the digest of what it sent. The senders pump from their own
 * worker (onReady, then onWritable after back-pressure), the non-blocking way.
 */
class ManyClientsTest {

    private static final int CLIENTS = 100;
    private static final int BYTES = 1 << 20;
    private static final int MESSAGE = 16 * 1024;

    /** Server side: digest everything, answer with the digest once 1 MiB has arrived. */
    private static final class DigestingServer implements ConnectionHandler {
        private final MessageDigest sha = Recorder.sha256();
        private long received;

        @Override
        public void onData(Connection c, ByteBuffer data) {
            received += data.remaining();
            sha.update(data);
            if (received == BYTES) {
                c.send(ByteBuffer.wrap(sha.digest()));
            }
        }
    }

    /** Client side: pump 1 MiB of seeded bytes; complete with the server's answer. */
    private static final class Pump implements ConnectionHandler {
        final byte[] data = new byte[BYTES];
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        int offset;

        Pump(long seed) {
            new SplittableRandom(seed).nextBytes(data);
        }

        @Override
        public void onReady(Connection c) {
            pump(c);
        }

        @Override
        public void onWritable(Connection c) {
            pump(c);
        }

        private void pump(Connection c) {
            while (offset < data.length) {
                int n = Math.min(MESSAGE, data.length - offset);
                if (c.send(ByteBuffer.wrap(data, offset, n)) == SendResult.BACKPRESSURE) {
                    return;
                }
                offset += n;
            }
        }

        @Override
        public void onData(Connection c, ByteBuffer d) {
            byte[] a = new byte[d.remaining()];
            d.get(a);
            answer.complete(a);
        }
    }

    @Test
    void hundredClientsEachDeliverOneMebibyteIntactToOneServer() throws Exception {
        long start = System.nanoTime();
        Fixtures.Accepting accepting = new Fixtures.Accepting(DigestingServer::new);
        // every client shares 127.0.0.1: the default limits do not slow them while the server is not under pressure
        try (UxpServer server = Fixtures.server(accepting).start();
             UxpClient client = Fixtures.client().workers(2).build()) {
            List<Pump> pumps = new ArrayList<>();
            List<CompletableFuture<Connection>> connecting = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Pump p = new Pump(i);
                pumps.add(p);
                connecting.add(client.connect(server.localAddress(), p));
            }
            for (CompletableFuture<Connection> f : connecting) {
                f.get(20, TimeUnit.SECONDS);
            }
            System.out.println("ManyClientsTest: connected in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            for (Pump p : pumps) {
                byte[] expected = MessageDigest.getInstance("SHA-256").digest(p.data);
                assertThat(p.answer.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
            assertThat(server.connections()).hasSize(CLIENTS);
            assertThat(server.stats().handshakesCompleted()).isEqualTo(CLIENTS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("ManyClientsTest: " + CLIENTS + " clients x 1 MiB in " + millis + " ms");
    }
}
