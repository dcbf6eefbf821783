package io.uxp.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * A client container and a server container on a Docker network, every built-in cipher with FEC off and on: the
 * bytes arrive intact (SHA-256) and both ends report the suite that was asked for.
 */
@ExtendWith(ScenarioTimer.class)
class CipherMatrixIT {

    private static final Payload PAYLOAD = Payload.ofBytes(4L << 20);

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @ParameterizedTest(name = "cipher {0}, FEC {1}")
    @CsvSource({"chacha20-poly1305, off, none", "chacha20-poly1305, '10,3', reed-solomon",
        "xsalsa20-poly1305, off, none", "xsalsa20-poly1305, '10,3', reed-solomon"})
    void aClientContainerDeliversAFileToAServerContainerWithTheCipherAndFecBothEndsReport(String cipher,
            String fecOption, String fec) throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL, "--cipher", cipher,
                        "--fec", fecOption)) {
            server.start();
            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD, "--cipher", cipher, "--fec", fecOption);

            Delivery.check(run, server, PAYLOAD, cipher, fec);
        }
    }
}
