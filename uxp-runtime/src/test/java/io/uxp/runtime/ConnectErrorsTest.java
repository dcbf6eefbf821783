package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxp.api.HandshakeException;
import io.uxp.api.HandshakeException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * connect()'s future fails with a reason code can test and a message that names the fix: the cases that need real
 * sockets (a stand-in server on a raw channel, adopted channels). Timeouts, the connection cap, disjoint ciphers and
 * a wrong pinned key run in virtual time in {@code embedded.EmbeddedConnectErrorsTest}.
 */
class ConnectErrorsTest {

    private static HandshakeException failure(UxpClient client, InetSocketAddress to) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.connect(to, new Recorder()).get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(HandshakeException.class);
        return (HandshakeException) t.getCause();
    }

    @Test
    void aServerThatOnlyDemandsCookiesTimesOutSayingItIsBusyNotToCheckTheAddress() throws Exception {
        HandshakeLimits quick = HandshakeLimits.builder().handshakeTimeoutMillis(600).retransmitMillis(100, 200).build();
        try (DatagramChannel busy = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             UxpClient client = Fixtures.client().handshakeLimits(quick).build()) {
            // a stand-in for a server that rate-limits this address: every hello gets a Retry, none a ServerHello
            Thread answering = new Thread(() -> answerWithRetries(busy), "retry-only-server");
            answering.setDaemon(true);
            answering.start();
            HandshakeException e = failure(client, (InetSocketAddress) busy.getLocalAddress());
            assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("demanded a cookie").contains("busy or limiting")
                    .doesNotContain("check the address");
        }
    }

    /** Answers each ClientHello with a 28-byte Retry (PROTOCOL.md section 6) echoing its connection ID. */
    private static void answerWithRetries(DatagramChannel channel) {
        ByteBuffer in = ByteBuffer.allocate(2_048);
        try {
            while (channel.isOpen()) {
                in.clear();
                SocketAddress from = channel.receive(in);
                if (in.position() < 11 || in.get(0) != 0x01) {
                    continue;
                }
                ByteBuffer retry = ByteBuffer.allocate(28).put((byte) 0x03).putShort((short) 1)
                        .putLong(in.getLong(3)).put((byte) 16).put(new byte[16]).flip();
                channel.send(retry, from);
            }
        } catch (IOException closed) {
            // the test closed the channel
        }
    }

    @Test
    void buildersRefuseToStartWithoutSecurityAndSayWhatToCall() {
        assertThatThrownBy(() -> UxpServer.builder().bind(Fixtures.LOOPBACK)
                .handler(c -> new Recorder()).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("security(ServerSecurity");
        assertThatThrownBy(() -> UxpClient.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("security(ClientSecurity");
        assertThatThrownBy(() -> ConnectionSettings.defaults().withKeepalive(1_000, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lost keepalive");
    }

    @Test
    void anAdoptedChannelCarriesTheConnectionOnBothSides() throws Exception {
        DatagramChannel serverChannel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        DatagramChannel clientChannel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = UxpServer.builder().channel(serverChannel)
                .security(ServerSecurity.staticKey(Fixtures.KEYS)).handler(accepting).start();
             UxpClient client = Fixtures.client().build()) {
            assertThat(server.localAddress()).isEqualTo(serverChannel.getLocalAddress());
            var c = client.connect(clientChannel, server.localAddress(), new Recorder()).get(10, TimeUnit.SECONDS);
            assertThat(accepting.first.get(10, TimeUnit.SECONDS).remoteAddress())
                    .isEqualTo(clientChannel.getLocalAddress());
            c.close();
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // the client owned the adopted channel and closed it with the connection
            assertThat(clientChannel.isOpen()).isFalse();
        }
        assertThat(serverChannel.isOpen()).isFalse();
    }
}
