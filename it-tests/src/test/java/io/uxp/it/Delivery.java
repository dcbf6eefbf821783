package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.testcontainers.containers.GenericContainer;

/**
 * The checks every transfer scenario makes: the client exited 0 with {@code "ok":true}; the SHA-256 it sent, the
 * SHA-256 in the server's receipt and the SHA-256 the server logged all equal the one this host computed for the
 * payload; and both ends report the same negotiated cipher and FEC.
 */
final class Delivery {

    private static final Pattern OPENED =
            Pattern.compile("connection (\\S+) from \\S+ opened: (\\S+) / (\\S+) / (\\S+)");
    private static final Pattern CLOSED = Pattern.compile("connection (\\S+) from \\S+ closed: (.*?); packets in "
            + "(\\d+), out (\\d+); authentication failures (\\d+); path validations started (\\d+), succeeded (\\d+), "
            + "failed (\\d+); FEC recoveries (\\d+); drops (.*)");
    private static final Duration SERVER_LOG_WAIT = Duration.ofSeconds(60);

    private Delivery() {
    }

    /**
     * @param client the finished client run
     * @param server the server container (still running)
     * @param payload what the client sent
     * @param cipher the cipher both ends must report
     * @param fec the FEC both ends must report: {@code none} or {@code reed-solomon}
     * @return the server's log once it recorded the complete transfer
     */
    static String check(UxpNodes.ClientRun client, GenericContainer<?> server, Payload payload, String cipher,
            String fec) {
        assertThat(client.exitCode()).as("%s", client).isZero();
        ClientJson json = client.json();
        assertThat(json.ok()).as("%s", client).isTrue();
        assertThat(json.string("sha256Sent")).as("SHA-256 the client sent").isEqualTo(payload.sha256());
        assertThat(json.string("sha256Received")).as("SHA-256 in the server's receipt").isEqualTo(payload.sha256());
        String arrived = "all " + payload.bytes() + " bytes arrived, SHA-256 " + payload.sha256();
        Awaitility.await("the server logs the complete transfer").atMost(SERVER_LOG_WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> server.getLogs().contains(arrived));
        String log = server.getLogs();
        assertThat(json.string("cipher")).as("the client's cipher").isEqualTo(cipher);
        assertThat(json.fec()).as("the client's FEC").isEqualTo(fec);
        List<Opened> opened = opened(log);
        assertThat(opened).as("connections the server opened:\n%s", log).hasSize(1);
        assertThat(opened.get(0).cipher()).as("the server's cipher").isEqualTo(cipher);
        assertThat(opened.get(0).fec()).as("the server's FEC").startsWith(fec);
        return log;
    }

    /** A server's report of a connection it opened. */
    record Opened(String id, String cipher, String fec, String congestionControl) {
    }

    /** @return every connection the server's log says it opened */
    static List<Opened> opened(String serverLog) {
        Matcher m = OPENED.matcher(serverLog);
        List<Opened> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new Opened(m.group(1), m.group(2), m.group(3), m.group(4)));
        }
        return out;
    }

    /**
     * A server's final counters for one connection, logged when it closed.
     *
     * @param id the connection ID
     * @param cause why it closed
     * @param authenticationFailures datagrams whose AEAD tag did not verify
     * @param pathValidationsStarted validations of a new client address begun
     * @param pathValidationsSucceeded times the connection moved to a validated new client address
     * @param pathValidationsFailed validations that timed out or were replaced
     * @param drops the drops by reason, as logged
     */
    record Closed(String id, String cause, long authenticationFailures, long pathValidationsStarted,
            long pathValidationsSucceeded, long pathValidationsFailed, String drops) {
    }

    /** @return the close records of the server's log, in order */
    static List<Closed> closed(String serverLog) {
        Matcher m = CLOSED.matcher(serverLog);
        List<Closed> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(new Closed(m.group(1), m.group(2), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                    Long.parseLong(m.group(7)), Long.parseLong(m.group(8)), m.group(10)));
        }
        return out;
    }
}
