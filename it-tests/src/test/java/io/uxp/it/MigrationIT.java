package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.IsRunningStartupCheckStrategy;

/**
 * The path changes under a running connection: a NAT that rebinds the client's mapping (the client's packets reach
 * the server from a new address and port), and a server that crashes and comes back.
 */
@ExtendWith(ScenarioTimer.class)
class MigrationIT {

    private static final Payload PAYLOAD = Payload.ofBytes(16L << 20);
    private static final Duration LOG_WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @Test
    void aClientWhoseNatRebindsEveryHalfSecondFinishesOnTheSameConnectionAfterPathValidation() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL)) {
            server.start();
            // the relay plays the NAT: every 500 ms the client's traffic leaves it from a new source port
            try (GenericContainer<?> nat = UxpNodes.relay(network, UxpNodes.address(server, UxpNodes.SERVER_PORT),
                    "--delay", "20ms", "--rebind-every", "500ms")) {
                nat.start();
                UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                        UxpNodes.address(nat, UxpNodes.RELAY_PORT), PAYLOAD);
                Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "none");
                Containers.stopGracefully(nat);
                String log = Containers.stopGracefully(server);

                List<Delivery.Opened> opened = Delivery.opened(log);
                List<Delivery.Closed> closed = Delivery.closed(log);
                System.out.printf("MigrationIT: client %.1f s; server %s%n", run.seconds(), closed);
                assertThat(closed).as("the server's close records:\n%s", log).hasSize(1);
                // one connection from start to end, which moved after proving each new address
                assertThat(closed.get(0).id()).isEqualTo(opened.get(0).id());
                assertThat(closed.get(0).pathValidationsSucceeded()).as("path validations that moved the "
                        + "connection").isPositive();
                assertThat(log).contains("connection " + opened.get(0).id() + " from ")
                        .contains("all " + PAYLOAD.bytes() + " bytes arrived");
            }
        }
    }

    @Test
    void whenTheServerContainerCrashesAndRestartsMidTransferTheClientReportsTheClosedConnection() throws Exception {
        Interrupted run = interruptTheServerMidTransfer(true);
        System.out.printf("MigrationIT: the client reported the close %.1f s after the server was killed "
                + "(idle timeout 30 s): %s%n", run.client().seconds(), run.client().stderr().strip());

        // the idle timeout (nothing authenticated for 30 s) or, sooner, KCP's dead-link limit
        assertThat(run.client().stderr()).as("%s", run.client()).contains("the connection closed before the "
                + "transfer was confirmed").containsAnyOf("the server stopped answering (idle timeout)",
                "too many retransmissions of one segment");
    }

    @Test
    void whenTheServerContainerIsStoppedAndRestartedMidTransferTheClientLearnsFromTheCloseMessage() throws Exception {
        Interrupted run = interruptTheServerMidTransfer(false);
        System.out.printf("MigrationIT: the client reported the close %.1f s after the server was stopped: %s%n",
                run.client().seconds(), run.client().stderr().strip());

        // SIGTERM closes the server, which tells every connection (no idle timeout needed)
        assertThat(run.client().stderr()).as("%s", run.client()).contains("the connection closed before the "
                + "transfer was confirmed").contains("the server closed it");
        assertThat(Delivery.closed(run.serverLog())).as("the server's close records").singleElement()
                .satisfies(c -> assertThat(c.cause()).startsWith("SERVER_CLOSED"));
    }

    /** What a client reported when its server went away mid-transfer, and the server's log of both runs. */
    private record Interrupted(UxpNodes.ClientRun client, String serverLog) {
    }

    /**
     * Starts a transfer far longer than the test, then kills ({@code crash}) or stops the server container once it
     * opened the connection and starts it again; returns once the client exited, which must be with a failure.
     */
    private static Interrupted interruptTheServerMidTransfer(boolean crash) throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL)) {
            server.start();
            try (GenericContainer<?> client = UxpNodes.client(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), Payload.ofBytes(1))
                    .withCommand(clientStreaming(server))
                    .withStartupCheckStrategy(new IsRunningStartupCheckStrategy())) {
                client.start();
                Awaitility.await("the server opens the connection").atMost(LOG_WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> !Delivery.opened(server.getLogs()).isEmpty());

                long interrupted = System.nanoTime();
                if (crash) {
                    docker.killContainerCmd(server.getContainerId()).exec();
                } else {
                    docker.stopContainerCmd(server.getContainerId()).withTimeout(10).exec();
                }
                String firstRun = server.getLogs();
                docker.startContainerCmd(server.getContainerId()).exec();
                CompletableFuture<Long> exit = CompletableFuture.supplyAsync(() ->
                        docker.waitContainerCmd(client.getContainerId()).start().awaitStatusCode(
                                UxpNodes.CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS).longValue());
                long exitCode = exit.get(UxpNodes.CLIENT_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
                UxpNodes.ClientRun run = UxpNodes.ClientRun.of(client, (System.nanoTime() - interrupted) / 1e9);

                assertThat(exitCode).as("%s", run).isNotZero();
                Awaitility.await("the restarted server listens again").atMost(LOG_WAIT)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> server.getLogs().split("uxp server listening", -1).length == 3);
                return new Interrupted(run, firstRun);
            }
        }
    }

    /** {@code uxp client} sending generated bytes (no file) to the server. */
    private static String[] clientStreaming(GenericContainer<?> server) {
        return new String[] {"client", "--connect", UxpNodes.address(server, UxpNodes.SERVER_PORT), "--server-key",
            "/keys/server.key.pub", "--bytes", "64GiB", "--json", "--timeout", "3m"};
    }
}
