package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/**
 * The third-party cipher plugin (examples/cipher-aes-gcm: module {@code com.example.uxp.aesgcm}, wire name
 * {@code aes-256-gcm}) linked into an image beside the built-ins, as a user adds a plugin by adding its jar.
 */
@ExtendWith(ScenarioTimer.class)
class ThirdPartyCipherIT {

    private static final Payload PAYLOAD = Payload.ofBytes(4L << 20);
    private static final String AES = "aes-256-gcm";

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @Test
    void theImageWithThePluginListsAes256GcmFromItsOwnModule() throws Exception {
        try (GenericContainer<?> providers = new GenericContainer<>(UxpImages.image(UxpVariant.FULL_WITH_AES_GCM))
                .withCommand("providers")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(90)))) {
            providers.start();

            assertThat(providers.getLogs()).containsPattern("cipher\\s+aes-256-gcm\\s+com\\.example\\.uxp\\.aesgcm")
                    .contains("chacha20-poly1305").contains("xsalsa20-poly1305");
        }
    }

    @Test
    void withThePluginOnBothSidesAndPreferredAes256GcmIsNegotiatedAndCarriesTheTransfer() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL_WITH_AES_GCM,
                        "--cipher", AES + ",chacha20-poly1305,xsalsa20-poly1305")) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL_WITH_AES_GCM,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--cipher", AES + ",chacha20-poly1305");

            Delivery.check(run, server, PAYLOAD, AES, "none");
        }
    }

    @Test
    void withoutThePluginOnTheServerTheNextCommonCipherIsChosen() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL)) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL_WITH_AES_GCM,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--cipher", AES + ",chacha20-poly1305");

            Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "none");
        }
    }
}
