package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ServerEventsTest {

    @Test
    void aHandshakeRefusedForWantOfACommonCipherIsLoggedOnTheServerSide() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        ProviderPreferences d = ProviderPreferences.defaults();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (ServerEvents events = new ServerEvents(false);
                UxpServer server = UxpServer.builder()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .security(ServerSecurity.staticKey(key)).workers(1).handler(events)
                        .preferences(new ProviderPreferences(List.of("chacha20-poly1305"), d.fecs(),
                                d.congestionControls())).start();
                UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(key.publicKey()))
                        .preferences(new ProviderPreferences(List.of("xsalsa20-poly1305"), d.fecs(),
                                d.congestionControls())).build()) {
            events.watchHandshakes(server);
            ConnectionHandler none = new ConnectionHandler() {
                @Override
                public void onData(Connection connection, java.nio.ByteBuffer data) {
                }

                @Override
                public void onClosed(Connection connection, CloseCause cause) {
                }
            };
            assertThat(client.connect(server.localAddress(), none).toCompletableFuture())
                    .failsWithin(20, TimeUnit.SECONDS);
            Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> log.toString(StandardCharsets.UTF_8)
                            .matches("(?s).*handshake\\(s\\) refused in the last 1 s: [0-9]+ invalid.*"));
        } finally {
            System.setErr(previous);
        }
        previous.print(log.toString(StandardCharsets.UTF_8));
    }
}
