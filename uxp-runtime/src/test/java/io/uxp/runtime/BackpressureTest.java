package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.ArqStats;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.DeliveryMode;
import io.uxp.api.SendResult;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A sender faster than its receiver: the sender's queue never exceeds its window, it sees BACKPRESSURE and then
 * onWritable, and the receiver's memory stays bounded while it does not read; once it reads, every byte arrives.
 */
class BackpressureTest {

    private static final int WINDOW = 64;
    private static final int TOTAL = 4 << 20;
    private static final int MESSAGE = 1_024;

    /** Pumps from the worker; records the largest KCP send queue it ever saw. */
    private static final class Pump implements ConnectionHandler {
        final byte[] data = new byte[TOTAL];
        final AtomicInteger backpressure = new AtomicInteger();
        final AtomicInteger writable = new AtomicInteger();
        volatile int maxQueued;
        int offset;

        Pump() {
            new SplittableRandom(3).nextBytes(data);
        }

        @Override
        public void onReady(Connection c) {
            pump(c);
        }

        @Override
        public void onWritable(Connection c) {
            writable.incrementAndGet();
            pump(c);
        }

        private void pump(Connection c) {
            while (offset < data.length) {
                if (c.send(ByteBuffer.wrap(data, offset, MESSAGE)) == SendResult.BACKPRESSURE) {
                    backpressure.incrementAndGet();
                    return;
                }
                offset += MESSAGE;
                ArqStats a = c.stats().arq();
                maxQueued = Math.max(maxQueued, a.sendQueue() + a.sendBuffer());
            }
        }

        @Override
        public void onData(Connection c, ByteBuffer d) {
        }
    }

    @Test
    void aFastSenderIsHeldToItsWindowAndResumesWhenTheReaderCatchesUp() throws Exception {
        ConnectionSettings settings = ConnectionSettings.defaults().withWindows(WINDOW, WINDOW);
        int maxBuffered = 64 * 1024;
        ConnectionStreams streams = new ConnectionStreams(maxBuffered);
        Fixtures.Accepting accepting = new Fixtures.Accepting(() -> streams);
        try (UxpServer server = Fixtures.server(accepting).settings(settings).start();
             UxpClient client = Fixtures.client().settings(settings).build()) {
            Pump pump = new Pump();
            Connection c = Fixtures.connect(client, server.localAddress(), pump);
            Connection atServer = accepting.first.get(10, TimeUnit.SECONDS);
            // nobody reads yet: the sender must stall on back-pressure, not queue the 4 MiB
            await().atMost(Duration.ofSeconds(10)).until(() -> pump.backpressure.get() > 0
                    && streams.inputStream().available() >= maxBuffered);
            long stalledAt = pump.offset;
            assertThat(stalledAt).isLessThan(TOTAL);
            assertThat(streams.inputStream().available()).isLessThanOrEqualTo(maxBuffered + MESSAGE);
            ArqStats receiver = atServer.stats().arq();
            assertThat(receiver.receiveQueue()).isLessThanOrEqualTo(WINDOW);
            assertThat(receiver.receiveBuffer()).isLessThanOrEqualTo(WINDOW);
            assertThat(c.isWritable()).isFalse();

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            InputStream in = streams.inputStream();
            byte[] buffer = new byte[8_192];
            long read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read < TOTAL && System.nanoTime() < deadline) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                sha.update(buffer, 0, n);
                read += n;
            }
            assertThat(read).isEqualTo(TOTAL);
            assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(pump.data));
            assertThat(pump.writable.get()).isPositive();
            // one message is one segment here, so the queue may exceed the window by at most that one message
            assertThat(pump.maxQueued).isLessThanOrEqualTo(WINDOW + 1);
        }
    }

    @Test
    void blockingStreamsCarryAStreamBothWays() throws Exception {
        ConnectionSettings settings = ConnectionSettings.defaults().withDeliveryMode(DeliveryMode.STREAM)
                .withWindows(128, 128);
        ConnectionStreams serverStreams = new ConnectionStreams(256 * 1024);
        Fixtures.Accepting accepting = new Fixtures.Accepting(() -> serverStreams);
        byte[] data = new byte[3 << 20];
        new SplittableRandom(5).nextBytes(data);
        try (UxpServer server = Fixtures.server(accepting).settings(settings).start();
             UxpClient client = Fixtures.client().settings(settings).build()) {
            ConnectionStreams clientStreams = new ConnectionStreams(256 * 1024);
            Fixtures.connect(client, server.localAddress(), clientStreams);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream out = clientStreams.outputStream()) {
                    out.write(data);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] got = serverStreams.inputStream().readNBytes(data.length);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(data);
            // the writer closed its stream: the connection closes and the reader sees the end
            assertThat(serverStreams.inputStream().read()).isEqualTo(-1);
        }
    }
}
