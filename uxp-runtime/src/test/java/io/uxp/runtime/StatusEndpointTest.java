package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.uxp.api.Connection;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The HTTP status endpoint serves JSON and Prometheus text for the server and each connection. */
class StatusEndpointTest {

    private static final String TOKEN = "s3cret-token-0123456789";

    private static HttpURLConnection open(InetSocketAddress at, String path, String authorization) throws Exception {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + at.getPort() + path)
                .openConnection();
        http.setConnectTimeout(5_000);
        http.setReadTimeout(5_000);
        if (authorization != null) {
            http.setRequestProperty("Authorization", authorization);
        }
        return http;
    }

    private static String get(InetSocketAddress at, String path, String expectedType) throws Exception {
        return get(at, path, expectedType, null);
    }

    private static String get(InetSocketAddress at, String path, String expectedType, String authorization)
            throws Exception {
        HttpURLConnection http = open(at, path, authorization);
        assertThat(http.getResponseCode()).isEqualTo(200);
        assertThat(http.getContentType()).startsWith(expectedType);
        try (InputStream in = http.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            http.disconnect();
        }
    }

    @Test
    void statusIsJsonAndMetricsArePrometheusTextForTheServerAndEachConnection() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        try (UxpServer server = Fixtures.server(accepting).statusEndpoint(new InetSocketAddress("127.0.0.1", 0))
                .statusLogging(true).start();
             UxpClient client = Fixtures.client().build()) {
            Connection c = Fixtures.connect(client, server.localAddress(), new Recorder());
            c.send(ByteBuffer.wrap(new byte[5_000]));
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepting.created.isEmpty()
                    && accepting.recorder(0).bytes.get() == 5_000);
            InetSocketAddress at = server.statusEndpointAddress().orElseThrow();
            String id = String.format("%016x", accepting.first.get().id());

            String json = get(at, "/status", "application/json");
            assertThat(json).doesNotContain("\"remote\"")
                    .doesNotContain(":" + accepting.first.get().remoteAddress().getPort() + "\"");
            assertThat(json).startsWith("{\"server\":{\"connections\":1,")
                    .contains("\"handshakesCompleted\":1")
                    .contains("\"id\":\"" + id + "\"")
                    .contains("\"cipher\":\"chacha20-poly1305\"")
                    .contains("\"kcp\":{\"srttMillis\":")
                    .contains("\"pathValidations\":{\"started\":0,\"succeeded\":0,\"failed\":0}")
                    .endsWith("}]}");
            assertThat(json.chars().filter(ch -> ch == '{').count())
                    .isEqualTo(json.chars().filter(ch -> ch == '}').count());

            String metrics = get(at, "/metrics", "text/plain; version=0.0.4");
            assertThat(metrics).contains("# TYPE uxp_server_connections gauge\nuxp_server_connections 1\n")
                    .contains("uxp_server_handshakes_completed_total 1\n")
                    .contains("uxp_server_drops_total{reason=\"QUEUE_FULL\"} ")
                    .contains("uxp_connection_bytes_in_total{connection=\"" + id + "\"} ")
                    .contains("uxp_connection_path_validations_failed_total{connection=\"" + id + "\"} 0\n");
            for (String line : metrics.split("\n")) {
                assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{[a-z]+=\"[A-Za-z0-9_]+\"\\})? -?[0-9]+");
            }
        }
    }

    @Test
    void withATokenEveryRequestWithoutItIsRefusedAndClientAddressesAppearOnlyWhenAsked() throws Exception {
        Fixtures.Accepting accepting = new Fixtures.Accepting(Recorder::new);
        StatusEndpointOptions options = StatusEndpointOptions.loopback(0).withBearerToken(TOKEN)
                .withClientAddresses(true);
        try (UxpServer server = Fixtures.server(accepting).statusEndpoint(options).start();
             UxpClient client = Fixtures.client().build()) {
            Fixtures.connect(client, server.localAddress(), new Recorder());
            await().atMost(Duration.ofSeconds(10)).until(() -> !accepting.created.isEmpty());
            InetSocketAddress remote = accepting.first.get().remoteAddress();
            InetSocketAddress at = server.statusEndpointAddress().orElseThrow();
            assertThat(at.getAddress().isLoopbackAddress()).isTrue();

            for (String path : new String[] {"/status", "/metrics"}) {
                HttpURLConnection none = open(at, path, null);
                assertThat(none.getResponseCode()).isEqualTo(401);
                assertThat(none.getHeaderField("WWW-Authenticate")).startsWith("Bearer");
                none.disconnect();
                HttpURLConnection wrong = open(at, path, "Bearer " + TOKEN.substring(1) + "x");
                assertThat(wrong.getResponseCode()).isEqualTo(401);
                wrong.disconnect();
            }
            String json = get(at, "/status", "application/json", "Bearer " + TOKEN);
            assertThat(json).contains("\"remote\":\"" + remote + "\"");
            assertThat(get(at, "/metrics", "text/plain", "Bearer " + TOKEN)).contains("uxp_server_connections 1");
        }
    }

    @Test
    void theOptionsRefuseAShortOrUnprintableTokenAndNeverPrintIt() {
        assertThatThrownBy(() -> StatusEndpointOptions.loopback(0).withBearerToken("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> StatusEndpointOptions.loopback(0).withBearerToken("has a space in it, sorry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable");
        StatusEndpointOptions options = StatusEndpointOptions.loopback(0).withBearerToken(TOKEN);
        assertThat(options.toString()).doesNotContain(TOKEN).contains("token required");
        assertThat(options.loopbackOnly()).isTrue();
        assertThat(StatusEndpointOptions.at(new InetSocketAddress(0)).loopbackOnly()).isFalse();
    }
}
