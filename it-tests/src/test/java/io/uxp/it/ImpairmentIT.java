package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * A simulator container between client and server, in the manner of the QUIC interop runner: {@code uxp relay}
 * delays, jitters, drops, reorders, duplicates and corrupts datagrams with a seeded random source. Every transfer
 * must still arrive intact (SHA-256), and the relay's own report proves the impairment happened.
 */
@ExtendWith(ScenarioTimer.class)
class ImpairmentIT {

    private static final Payload PAYLOAD = Payload.ofBytes(4L << 20);
    /** 20 ms +- 5 ms each way. */
    private static final List<String> PATH = List.of("--delay", "20ms", "--jitter", "5ms");

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
    }

    @ParameterizedTest(name = "20 ms +- 5 ms, {0} loss each way")
    @ValueSource(strings = {"1%", "5%", "10%"})
    void aTransferThroughALossyDelayedPathArrivesIntact(String loss) throws Exception {
        Outcome o = transfer("--loss", loss);

        assertThat(o.relay().count("client", "dropped")).as("datagrams dropped towards the server").isPositive();
        assertThat(o.relay().count("upstream", "dropped")).as("datagrams dropped towards the client").isPositive();
    }

    @Test
    void aTransferWithAQuarterOfTheDatagramsReorderedArrivesIntact() throws Exception {
        Outcome o = transfer("--reorder", "25%");

        assertThat(o.relay().count("client", "reordered")).as("datagrams held back towards the server")
                .isPositive();
    }

    @Test
    void aTransferWithFivePercentDuplicatesArrivesIntactAndTheReplayWindowDropsTheCopies() throws Exception {
        Outcome o = transfer("--duplicate", "5%");

        assertThat(o.relay().count("client", "duplicated")).as("datagrams sent twice towards the server")
                .isPositive();
        assertThat(o.closed().drops()).as("the server's drops").contains("REPLAYED=");
    }

    @Test
    void corruptedDatagramsAreCountedAsAuthenticationFailuresAndNeverDelivered() throws Exception {
        Outcome o = transfer("--corrupt", "1%");

        assertThat(o.relay().count("client", "corrupted")).as("datagrams with a flipped bit towards the server")
                .isPositive();
        // each failure is a datagram the relay corrupted (a flipped bit in the header is dropped for another reason)
        assertThat(o.closed().authenticationFailures()).as("the server's authentication failures").isPositive()
                .isLessThanOrEqualTo(o.relay().count("client", "corrupted"));
        assertThat(o.closed().drops()).contains("AUTHENTICATION_FAILED=");
        // never delivered: Delivery.check found the server's SHA-256 equal to the payload's
        System.out.printf("ImpairmentIT: relay corrupted %d datagrams (both ways); server counted %d "
                + "authentication failures, client drops %s%n", o.relay().total("corrupted"),
                o.closed().authenticationFailures(), o.client().json().drops());
    }

    /** What one impaired transfer produced. */
    private record Outcome(UxpNodes.ClientRun client, RelayReport relay, Delivery.Closed closed) {
    }

    /** Server, relay (20 ms +- 5 ms plus {@code impairment}) and client; the checks of {@link Delivery}. */
    private static Outcome transfer(String... impairment) throws Exception {
        List<String> relayArgs = new ArrayList<>(PATH);
        relayArgs.addAll(List.of(impairment));
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = UxpNodes.server(network, UxpVariant.FULL)) {
            server.start();
            try (GenericContainer<?> relay = UxpNodes.relay(network, UxpNodes.address(server, UxpNodes.SERVER_PORT),
                    relayArgs.toArray(String[]::new))) {
                relay.start();
                UxpNodes.ClientRun run = UxpNodes.runClient(network, UxpVariant.FULL,
                        UxpNodes.address(relay, UxpNodes.RELAY_PORT), PAYLOAD);
                Delivery.check(run, server, PAYLOAD, "chacha20-poly1305", "none");
                RelayReport report = RelayReport.parse(Containers.stopGracefully(relay));
                // the server's close record: at the client's close message, or at the latest when it stops
                List<Delivery.Closed> closed = Delivery.closed(Containers.stopGracefully(server));
                assertThat(closed).as("the server's close records").hasSize(1);
                System.out.printf("ImpairmentIT %s: relay %s; client %.1f s; server %s%n", relayArgs,
                        report.directions(), run.seconds(), closed.get(0));
                return new Outcome(run, report, closed.get(0));
            }
        }
    }
}
