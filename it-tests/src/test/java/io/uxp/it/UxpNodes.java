package io.uxp.it;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The three roles of a deployment test as containers of a {@link UxpVariant} image: {@code uxp server} (a sink
 * with the run's pinned key), {@code uxp relay} (the impairment simulator in the middle) and a {@code uxp client}
 * run that sends a {@link Payload} and exits. Containers are returned unstarted where the test may still configure
 * them; the caller closes every container (no Ryuk here).
 */
final class UxpNodes {

    /** The port every server listens on, inside its container. */
    static final int SERVER_PORT = 7000;
    /** The port every relay listens on. */
    static final int RELAY_PORT = 7001;
    /** How long a client run may take: generous, for a loaded 2-core machine. */
    static final Duration CLIENT_DEADLINE = Duration.ofMinutes(4);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private UxpNodes() {
    }

    /**
     * @param extraArgs more {@code uxp server} options, e.g. {@code --cipher}
     * @return an unstarted server container; started, it is ready once it logged that it listens
     */
    static GenericContainer<?> server(Network network, UxpVariant variant, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("server", "--listen", "0.0.0.0:" + SERVER_PORT, "--key",
                "/keys/server.key"));
        command.addAll(List.of(extraArgs));
        return new GenericContainer<>(UxpImages.image(variant))
                .withNetwork(network)
                .withCopyFileToContainer(MountableFile.forHostPath(ServerKeys.privateKey(), 0600), "/keys/server.key")
                .withCommand(command.toArray(String[]::new))
                .waitingFor(Wait.forLogMessage(".*uxp server listening.*", 1))
                .withStartupTimeout(STARTUP);
    }

    /**
     * @param upstream the server's address, {@code host:port}
     * @param impairment {@code uxp relay} options, e.g. {@code --loss 5%}; a seed is added unless given
     * @return an unstarted relay container; started, it is ready once it printed its settings
     */
    static GenericContainer<?> relay(Network network, String upstream, String... impairment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("relay", "--listen", "0.0.0.0:" + RELAY_PORT, "--forward",
                upstream));
        command.addAll(List.of(impairment));
        if (!command.contains("--seed")) {
            command.addAll(List.of("--seed", "11"));
        }
        return new GenericContainer<>(UxpImages.image(UxpVariant.FULL))
                .withNetwork(network)
                .withCommand(command.toArray(String[]::new))
                .waitingFor(Wait.forLogMessage(".*relay .*->.*", 1))
                .withStartupTimeout(STARTUP);
    }

    /**
     * Runs {@code uxp client --json} in a container until it exits, sending {@code payload} to {@code target}.
     *
     * @param extraArgs more {@code uxp client} options, e.g. {@code --cipher}
     * @return what the run printed and how it exited
     */
    static ClientRun runClient(Network network, UxpVariant variant, String target, Payload payload,
            String... extraArgs) throws IOException, InterruptedException {
        try (GenericContainer<?> client = client(network, variant, target, payload, extraArgs)) {
            long start = System.nanoTime();
            client.start();
            return ClientRun.of(client, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * @return an unstarted client container that sends {@code payload} to {@code target} with {@code --json}; its
     *     start returns once it exited (read the result with {@link ClientRun#of})
     */
    static GenericContainer<?> client(Network network, UxpVariant variant, String target, Payload payload,
            String... extraArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("client", "--connect", target, "--server-key",
                "/keys/server.key.pub", "--send", Payload.CONTAINER_PATH, "--json", "--timeout", "3m"));
        command.addAll(List.of(extraArgs));
        return new GenericContainer<>(UxpImages.image(variant))
                .withNetwork(network)
                .withCopyFileToContainer(MountableFile.forHostPath(ServerKeys.publicKey()), "/keys/server.key.pub")
                .withCopyFileToContainer(MountableFile.forHostPath(payload.file()), Payload.CONTAINER_PATH)
                .withCommand(command.toArray(String[]::new))
                .withStartupCheckStrategy(new ExitedStartupCheck(CLIENT_DEADLINE));
    }

    /** @return the server's address for a client or relay on the same network */
    static String address(GenericContainer<?> container, int port) {
        return Containers.ip(container) + ":" + port;
    }

    /**
     * What a client run printed and how it ended.
     *
     * @param exitCode the CLI's exit status (0: the receipt matched)
     * @param stdout its standard output: with {@code --json}, one JSON object
     * @param stderr its standard error: the reason of a failure
     * @param seconds from the container's start to its exit
     */
    record ClientRun(long exitCode, String stdout, String stderr, double seconds) {

        static ClientRun of(GenericContainer<?> client, double seconds) {
            Long code = DockerClientFactory.instance().client().inspectContainerCmd(client.getContainerId()).exec()
                    .getState().getExitCodeLong();
            return new ClientRun(code == null ? -1 : code, client.getLogs(OutputFrame.OutputType.STDOUT),
                    client.getLogs(OutputFrame.OutputType.STDERR), seconds);
        }

        /** @return the client's summary as JSON */
        ClientJson json() {
            return new ClientJson(stdout);
        }

        @Override
        public String toString() {
            return "uxp client exited " + exitCode + " after " + String.format("%.1f s", seconds) + "\nstdout:\n"
                    + stdout + "\nstderr:\n" + stderr;
        }
    }
}
