package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.CloseCause;
import io.uxp.api.CloseCause.Kind;
import io.uxp.api.Connection;
import io.uxp.api.SendResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A send from an application thread while the connection's worker waits is sealed and written on that thread
 * (the worker lends it its loop), so the datagram leaves without waiting for the worker to wake; no handler ever
 * runs on the application's thread, and a provider failure met there closes the connection from the worker.
 */
class SendFromOtherThreadTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final String CIPHER = "test-recording-seal";

    private static ProviderPreferences prefs() {
        return new ProviderPreferences(List.of(CIPHER), List.of(FecOffer.NONE), List.of("kcp"));
    }

    /** An echo server with the recording cipher (unarmed: it never throws). */
    private static UxpServer echoServer() throws Exception {
        return Fixtures.server(new Fixtures.Accepting(BrokenProviderTest.Echo::new)).registry(BrokenProviders.registry(
                List.of(new BrokenProviders.Cipher(CIPHER, BrokenProviders.CipherFault.SEAL)), List.of(), List.of()))
                .preferences(prefs()).start();
    }

    /** A client with one worker whose connections seal with {@code cipher}. */
    private static UxpClient clientWith(BrokenProviders.Cipher cipher) {
        return Fixtures.client().workers(1).registry(BrokenProviders.registry(List.of(cipher), List.of(), List.of()))
                .preferences(prefs()).build();
    }

    /**
     * Sends 100-byte messages, 20 ms apart, until one was sealed on this thread: once the worker has nothing to do it
     * waits and lends its loop, so within a few sends one is. Fails if none is within the bound.
     *
     * @return the bytes sent
     */
    private static long sendUntilSealedHere(Connection c, BrokenProviders.Cipher cipher) throws InterruptedException {
        Thread me = Thread.currentThread();
        long sent = 0;
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!cipher.sealThreads.contains(me) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            assertThat(c.send(ByteBuffer.allocate(100))).isEqualTo(SendResult.ACCEPTED);
            sent += 100;
        }
        assertThat(cipher.sealThreads).contains(me);
        return sent;
    }

    @Test
    void aSendWhileTheWorkerWaitsIsSealedOnTheSendingThreadAndHandlersStayOnTheWorker() throws Exception {
        BrokenProviders.Cipher cipher = new BrokenProviders.Cipher(CIPHER, BrokenProviders.CipherFault.SEAL);
        try (UxpServer server = echoServer();
             UxpClient client = clientWith(cipher)) {
            Recorder echoes = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), echoes);
            long expected = sendUntilSealedHere(c, cipher);
            await().atMost(BOUND).until(() -> echoes.bytes.get() == expected);
            // every echo, ready and writable event came on one thread, the worker's, never this one
            assertThat(echoes.threadChanges.get()).isZero();
            assertThat(echoes.overlaps.get()).isZero();
        }
    }

    @Test
    void aSendFromAnInterruptedThreadLeavesTheSocketOpen() throws Exception {
        // NIO closes an interruptible channel used by an interrupted thread in a blocking operation; the runtime's
        // channels are non-blocking, so a borrowed flush on an interrupted application thread must not close them
        Fixtures.Accepting accepting = new Fixtures.Accepting(BrokenProviderTest.Echo::new);
        try (UxpServer server = Fixtures.server(accepting).start();
             UxpClient client = Fixtures.client().workers(1).build()) {
            Recorder echoes = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), echoes);
            long sent = 0;
            for (int i = 0; i < 20; i++) {
                TimeUnit.MILLISECONDS.sleep(10);
                Thread.currentThread().interrupt();
                c.send(ByteBuffer.allocate(100));
                assertThat(Thread.interrupted()).isTrue(); // the flag is the caller's, left as it was
                sent += 100;
            }
            long expected = sent;
            await().atMost(BOUND).until(() -> echoes.bytes.get() == expected);
            assertThat(c.isOpen()).isTrue();
            assertThat(echoes.closes()).isEmpty();
        }
    }

    @Test
    void aSealThatThrowsOnTheSendingThreadClosesTheConnectionFromTheWorker() throws Exception {
        BrokenProviders.Cipher cipher = new BrokenProviders.Cipher(CIPHER, BrokenProviders.CipherFault.SEAL);
        try (UxpServer server = echoServer();
             UxpClient client = clientWith(cipher)) {
            Recorder echoes = new Recorder();
            Connection c = Fixtures.connect(client, server.localAddress(), echoes);
            long sent = sendUntilSealedHere(c, cipher); // the worker lends its loop when idle
            await().atMost(BOUND).until(() -> echoes.bytes.get() == sent);
            cipher.armed.set(true);
            c.send(ByteBuffer.allocate(100)); // the seal throws here or on the worker: either way the worker closes
            CloseCause cause = echoes.closed.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(cause.kind()).isEqualTo(Kind.LOCAL_ERROR);
            assertThat(cause.detail()).contains("cipher provider '" + CIPHER + "'", "deliberately broken seal");
            assertThat(echoes.threadChanges.get()).isZero(); // onClosed too ran on the worker
        }
    }
}
