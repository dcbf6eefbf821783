package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Pick-and-mix: each end is an image linked with only the provider modules it was given, and the handshake
 * negotiates from what both actually have (docs/SPI.md section 3), or fails naming both lists.
 */
@ExtendWith(ScenarioTimer.class)
class PickAndMixIT {

    private static final Payload PAYLOAD = Payload.ofBytes(2L << 20);
    /** The server's handshake logger at debug: it logs each refusal's reason. */
    private static final String HANDSHAKE_DEBUG =
            "-Dorg.slf4j.simpleLogger.log.io.uxp.runtime.handshake.ServerHandshake=debug";

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @Test
    void aSalsaOnlyServerAndAClientOfferingChaChaThenSalsaAgreeOnSalsa() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.SALSA_ONLY)) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD,
                    "--cipher", "chacha20-poly1305,xsalsa20-poly1305");

            Delivery.check(run, server, PAYLOAD, "xsalsa20-poly1305", "none");
        }
    }

    @Test
    void aChaChaOnlyClientAndASalsaOnlyServerBothFailTheHandshakeNamingBothLists() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.SALSA_ONLY)
                        .withEnv("JAVA_TOOL_OPTIONS", HANDSHAKE_DEBUG)) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.CHACHA_ONLY,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD);
            System.out.printf("PickAndMixIT: the chacha-only client gave up after %.1f s (container start "
                    + "included)%n", run.seconds());

            assertThat(run.exitCode()).as("%s", run).isNotZero();
            // the client names what it offered and what the server allows and has
            assertThat(run.stderr()).as("%s", run).contains("NO_COMMON_PROVIDER")
                    .contains("no common cipher: client offered [chacha20-poly1305], server allows "
                            + "[chacha20-poly1305, xsalsa20-poly1305] and has [xsalsa20-poly1305]");
            // the server refused it, for the same reason, and opened nothing
            Awaitility.await("the server logs the refusal").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> server.getLogs().contains("no common cipher: client offered [chacha20-poly1305]"));
            String log = server.getLogs();
            assertThat(log).contains("server allows [chacha20-poly1305, xsalsa20-poly1305] and has "
                    + "[xsalsa20-poly1305]");
            assertThat(Delivery.opened(log)).as("connections the server opened").isEmpty();
        }
    }

    @Test
    void aServerWithoutFecAndAClientPreferringFecAgreeOnNone() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.NO_FEC)) {
            server.start();
            // the client has reed-solomon and offers it first, none second
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--fec", "10,3", "--fec", "off");

            Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "none");
        }
    }

    @Test
    void theSameClientPreferringFecGetsReedSolomonFromAServerThatHasIt() throws Exception {
        // the control of the test above: what made it "none" was the server's missing module, not the client
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL, "--fec", "10,3")) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--fec", "10,3", "--fec", "off");

            Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "reed-solomon");
        }
    }
}
