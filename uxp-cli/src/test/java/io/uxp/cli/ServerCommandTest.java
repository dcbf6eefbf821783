package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    @TempDir
    Path dir;

    private static int freeLoopbackPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Test
    void anEchoServerWithAPreSharedKeyServesAClientHoldingTheSameKeyThenStopsAfterItsDuration() throws Exception {
        Path psk = dir.resolve("psk");
        assertThat(CommandResult.run("keygen", "--psk", "--out", psk.toString()).exitCode()).isZero();
        String endpoint = "127.0.0.1:" + freeLoopbackPort();
        CompletableFuture<CommandResult> server = CompletableFuture.supplyAsync(() -> CommandResult.run("server",
                "--listen", endpoint, "--psk", psk.toString(), "--echo", "--duration", "6s"));
        CommandResult client = null;
        // the server binds asynchronously: retry the client a bounded number of times until it is up
        for (int attempt = 0; attempt < 20 && (client == null || client.exitCode() != 0); attempt++) {
            client = CommandResult.run("client", "--connect", endpoint, "--psk", psk.toString(), "--echo",
                    "--bytes", "512KiB", "--timeout", "5s");
        }
        assertThat(client.exitCode()).as(client.out() + client.err()).isZero();
        assertThat(client.out()).contains("OK: SHA-256 of received bytes matches");
        CommandResult r = server.get(30, TimeUnit.SECONDS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("uxp server listening on " + endpoint + " (echo)");
    }

    @Test
    void aServerThatAlwaysDemandsACookieStillServesAClientAndRefusesAnUnknownMode() throws Exception {
        String endpoint = "127.0.0.1:" + freeLoopbackPort();
        CommandResult bad = CommandResult.run("server", "--listen", endpoint, "--retry", "sometimes",
                "--duration", "1s");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--retry must be 'pressure' or 'always', got 'sometimes'");
        Path psk = dir.resolve("psk");
        assertThat(CommandResult.run("keygen", "--psk", "--out", psk.toString()).exitCode()).isZero();
        CompletableFuture<CommandResult> server = CompletableFuture.supplyAsync(() -> CommandResult.run("server",
                "--listen", endpoint, "--psk", psk.toString(), "--retry", "always", "--duration", "6s"));
        CommandResult client = null;
        for (int attempt = 0; attempt < 20 && (client == null || client.exitCode() != 0); attempt++) {
            client = CommandResult.run("client", "--connect", endpoint, "--psk", psk.toString(),
                    "--bytes", "256KiB", "--timeout", "5s");
        }
        assertThat(client.exitCode()).as(client.out() + client.err()).isZero();
        CommandResult r = server.get(30, TimeUnit.SECONDS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("every client must answer a Retry (cookie) before its handshake");
    }

    @Test
    void statusOptionsThatContradictOrATokenFileTooShortAreRefusedBeforeAnythingListens() throws Exception {
        String endpoint = "127.0.0.1:" + freeLoopbackPort();
        CommandResult both = CommandResult.run("server", "--listen", endpoint, "--status-port", "0",
                "--status-listen", "127.0.0.1:0", "--duration", "1s");
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.err()).contains("--status-port or --status-listen, not both");
        Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "tooshort\n");
        CommandResult weak = CommandResult.run("server", "--listen", endpoint, "--status-port", "0",
                "--status-token-file", token.toString(), "--duration", "1s");
        assertThat(weak.exitCode()).isNotZero();
        assertThat(weak.err()).contains("at least 16");
        CommandResult orphan = CommandResult.run("server", "--listen", endpoint, "--status-client-addresses",
                "--duration", "1s");
        assertThat(orphan.exitCode()).isNotZero();
        assertThat(orphan.err()).contains("need --status-port or --status-listen");
    }

    @Test
    void theStatusPortListensOnLoopbackAndSaysATokenIsRequired() throws Exception {
        Path token = dir.resolve("token");
        java.nio.file.Files.writeString(token, "0123456789abcdef0123\n");
        CommandResult r = CommandResult.run("server", "--listen", "127.0.0.1:" + freeLoopbackPort(),
                "--status-port", "0", "--status-token-file", token.toString(), "--duration", "1s");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("status: http://127\\.0\\.0\\.1:[0-9]+/status \\(bearer token required\\)");
    }
}
