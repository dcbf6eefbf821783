package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Loss made by the kernel rather than by a relay: {@code iptables -m statistic --mode random} DROP rules in the
 * server container's network namespace, entered from the host with {@code nsenter} (this kernel has no netem;
 * docs in ENVIRONMENT). The datagrams vanish below UXP, as on a real lossy link.
 */
@ExtendWith(ScenarioTimer.class)
class KernelLossIT {

    /** Large enough that the server's few acknowledgements (hundreds) also meet the 5% rule. */
    private static final Payload PAYLOAD = Payload.ofBytes(16L << 20);
    private static final String PROBABILITY = "0.05";
    /** The packet count of the chain's DROP rule in {@code iptables -L -v -n -x}. */
    private static final Pattern DROP_RULE = Pattern.compile("(?m)^\\s*(\\d+)\\s+\\d+\\s+DROP\\s");

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
        Prerequisites.requireRootNsenterAndIptables();
    }

    @Test
    void aTransferThroughFivePercentKernelLossEachWayInTheServersNamespaceArrivesIntact() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL)) {
            server.start();
            long pid = DockerClientFactory.instance().client().inspectContainerCmd(server.getContainerId()).exec()
                    .getState().getPidLong();
            for (String chain : List.of("INPUT", "OUTPUT")) {
                inNamespace(pid, "iptables", "-A", chain, "-p", "udp", "-m", "statistic", "--mode", "random",
                        "--probability", PROBABILITY, "-j", "DROP");
            }

            UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                    UxpNodes.address(server, UxpNodes.SERVER_PORT), PAYLOAD);
            Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "none");

            long droppedIn = dropped(pid, "INPUT");
            long droppedOut = dropped(pid, "OUTPUT");
            System.out.printf("KernelLossIT: the kernel dropped %d datagrams into and %d out of the server; client "
                    + "%.1f s%n", droppedIn, droppedOut, run.seconds());
            assertThat(droppedIn).as("datagrams the kernel dropped on the way to the server").isPositive();
            assertThat(droppedOut).as("datagrams the kernel dropped on the way to the client").isPositive();
        }
    }

    private static long dropped(long pid, String chain) throws IOException, InterruptedException {
        String listing = inNamespace(pid, "iptables", "-L", chain, "-v", "-n", "-x");
        Matcher m = DROP_RULE.matcher(listing);
        assertThat(m.find()).as("the DROP rule in %s:\n%s", chain, listing).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Runs a command in the network namespace of process {@code pid} (the container's), from the host. */
    private static String inNamespace(long pid, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", String.valueOf(pid), "-n"));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", full) + " failed:\n" + out);
        }
        return out;
    }
}
