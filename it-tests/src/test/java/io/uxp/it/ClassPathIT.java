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
 * Class-path mode: every jar on the class path of a JDK-only runtime ({@code java -cp '/opt/uxp-lib/*'
 * io.uxp.cli.Main}), so the providers are found through their {@code META-INF/services} files instead of their
 * {@code provides} clauses.
 */
@ExtendWith(ScenarioTimer.class)
class ClassPathIT {

    private static final Payload PAYLOAD = Payload.ofBytes(4L << 20);

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @Test
    void onTheClassPathEveryBuiltInProviderIsFoundThroughItsServicesFile() throws Exception {
        try (GenericContainer<?> providers = new GenericContainer<>(UxpImages.image(UxpVariant.CLASS_PATH))
                .withCommand("providers")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(90)))) {
            providers.start();
            String out = providers.getLogs();

            for (String name : new String[] {"chacha20-poly1305", "xsalsa20-poly1305", "reed-solomon", "bbr", "kcp"}) {
                assertThat(out).as("uxp providers:\n%s", out).containsPattern("\\s" + name + "\\s+class path");
            }
        }
    }

    @Test
    void aClassPathClientDeliversAFileToAClassPathServerWithFec() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.CLASS_PATH, "--fec", "10,3")) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.CLASS_PATH,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--cipher", "xsalsa20-poly1305",
                    "--fec", "10,3");

            Delivery.check(run, server, PAYLOAD, "xsalsa20-poly1305", "reed-solomon");
        }
    }
}
