package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HandshakeLimits#alwaysRequireCookie()} over real UDP: without any flood, the server answers a client's
 * first ClientHello with a Retry, the client repeats its hello with the cookie (same length: the padding is 16
 * bytes shorter), and the connection then works.
 */
class AlwaysRetryTest {

    /** Offset of the cookie length in a ClientHello (docs/PROTOCOL.md section 4). */
    private static final int COOKIE_LENGTH_OFFSET = 76;

    @Test
    void aServerThatAlwaysDemandsACookieMakesEveryClientAnswerARetryFirst() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(BrokenProviderTest.Echo::new);
        try (UxpServer server = Fixtures.server(accepting)
                .handshakeLimits(HandshakeLimits.defaults().withAlwaysRequireCookie(true)).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build()) {
            relay.capture = true;
            Recorder r = new Recorder();
            Connection c = Fixtures.connect(client, relay.address(), r);
            c.send(ByteBuffer.allocate(500));
            await().atMost(Duration.ofSeconds(5)).until(() -> r.bytes.get() == 500);

            List<byte[]> hellos = relay.captured().stream().filter(d -> d[0] == 0x01).toList();
            // a hello without a cookie, then (after the Retry) hellos with it; a busy machine may add retransmissions
            assertThat(hellos).hasSizeGreaterThanOrEqualTo(2).allSatisfy(h -> assertThat(h).hasSize(1_200));
            assertThat(hellos.get(0)[COOKIE_LENGTH_OFFSET]).isEqualTo((byte) 0);
            assertThat(hellos.get(hellos.size() - 1)[COOKIE_LENGTH_OFFSET]).isEqualTo((byte) 16);
            assertThat(server.stats().handshakesCompleted()).isEqualTo(1);
        }
    }

    @Test
    void byDefaultNoCookieIsDemandedOfAnUnpressuredServer() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(BrokenProviderTest.Echo::new);
        try (UxpServer server = Fixtures.server(accepting).start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             UxpClient client = Fixtures.client().build()) {
            relay.capture = true;
            Fixtures.connect(client, relay.address(), new Recorder());
            List<byte[]> hellos = relay.captured().stream().filter(d -> d[0] == 0x01).toList();
            assertThat(hellos).isNotEmpty().allSatisfy(h -> assertThat(h[COOKIE_LENGTH_OFFSET]).isZero());
        }
    }
}
