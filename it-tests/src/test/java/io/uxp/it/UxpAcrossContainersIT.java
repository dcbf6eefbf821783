package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The {@code uxp} command across real containers: a server, an impairment relay and a client, each in its own
 * container on a Docker network, so every datagram crosses real network namespaces. The kernel here has no netem,
 * so loss and delay come from {@code uxp relay} in the middle, as a user would test a deployment.
 */
@ExtendWith(ScenarioTimer.class)
class UxpAcrossContainersIT {

    private static final Pattern DROPPED = Pattern.compile("client->upstream: .*?dropped (\\d+)");
    private static final Duration CLIENT_DEADLINE = Duration.ofMinutes(2);

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @Test
    void aClientVerifiesItsTransferToAServerThroughALossyRelayInThreeContainers() throws Exception {
        Path key = ServerKeys.privateKey();
        Path publicKey = ServerKeys.publicKey();
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = new GenericContainer<>(UxpImages.image(UxpVariant.FULL))
                        .withNetwork(network)
                        .withCopyFileToContainer(MountableFile.forHostPath(key, 0600), "/keys/server.key")
                        .withCommand("server", "--listen", "0.0.0.0:7000", "--key", "/keys/server.key")
                        .waitingFor(Wait.forLogMessage(".*uxp server listening.*", 1))
                        .withStartupTimeout(Duration.ofSeconds(60))) {
            server.start();
            try (GenericContainer<?> relay = new GenericContainer<>(UxpImages.image(UxpVariant.FULL))
                    .withNetwork(network)
                    .withCommand("relay", "--listen", "0.0.0.0:7001", "--forward", Containers.ip(server) + ":7000",
                            "--loss", "5%", "--delay", "10ms", "--seed", "7")
                    .waitingFor(Wait.forLogMessage(".*relay .*->.*", 1))
                    .withStartupTimeout(Duration.ofSeconds(60))) {
                relay.start();
                try (GenericContainer<?> client = new GenericContainer<>(UxpImages.image(UxpVariant.FULL))
                        .withNetwork(network)
                        .withCopyFileToContainer(MountableFile.forHostPath(publicKey),
                                "/keys/server.key.pub")
                        .withCommand("client", "--connect", Containers.ip(relay) + ":7001",
                                "--server-key", "/keys/server.key.pub", "--bytes", "4MiB")
                        // start() returns once the client exited with status 0: uxp client exits 0 only when
                        // the server's receipt (byte count and SHA-256) matches what it sent
                        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(CLIENT_DEADLINE))) {
                    client.start();
                    String summary = client.getLogs();
                    System.out.println(summary);
                    assertThat(summary).contains("OK: SHA-256 of received bytes matches")
                            .contains("congestion control bbr"); // the defaults, through 5% loss
                }
                String report = Containers.stopGracefully(relay);
                System.out.println(report);
                Matcher dropped = DROPPED.matcher(report);
                assertThat(dropped.find()).as("relay report:\n%s", report).isTrue();
                assertThat(Long.parseLong(dropped.group(1))).as("datagrams the relay dropped").isPositive();
            }
        }
    }
}
