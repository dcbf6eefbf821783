package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.cli.transfer.Sink;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCommandTest {

    @TempDir
    Path dir;

    private static UxpServer server(ServerKeyPair key, boolean echo) throws Exception {
        return UxpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .security(ServerSecurity.staticKey(key)).workers(1)
                .handler(connection -> new Sink(echo)).start();
    }

    @Test
    void aFileSentToASinkServerIsVerifiedByItsReceipt() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        byte[] content = new byte[300_000];
        new SecureRandom().nextBytes(content);
        Path file = Files.write(dir.resolve("payload"), content);
        try (UxpServer server = server(key, false)) {
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", key.publicKey().toString(), "--send", file.toString());
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("OK: SHA-256 of received bytes matches").contains("300,000 bytes");
        }
    }

    @Test
    void anEchoServerIsVerifiedByTheBytesThatComeBack() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        Path pub = Files.writeString(dir.resolve("server.key.pub"), key.publicKey() + "\n");
        try (UxpServer server = server(key, true)) {
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", pub.toString(), "--bytes", "1MiB", "--echo", "--json");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("\"ok\":true");
        }
    }

    @Test
    void aClientPinnedToAnotherKeyFailsWithAnAuthenticationError() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        ServerKeyPair other = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = server(key, false)) {
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", other.publicKey().toString(), "--bytes", "1000", "--timeout", "20s");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains("AUTHENTICATION_FAILED");
        }
    }

    @Test
    void aClientWithoutAnyAuthenticationChoiceIsToldItsOptions() {
        CommandResult r = CommandResult.run("client", "--connect", "127.0.0.1:9");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--server-key").contains("--psk").contains("--insecure");
    }

    @Test
    void detailedProgressGoesToStderrBesideTheJsonAndNamesTheCongestionState() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = server(key, false)) {
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", key.publicKey().toString(), "--bytes", "4MiB", "--json", "--progress", "50ms",
                    "--nodelay", "2", "--resend", "3");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).startsWith("{\"ok\":true");
            assertThat(r.err()).containsPattern("sent +[0-9.]+ / 4\\.0 MiB .* cwnd [0-9]+  pacing [0-9.]+ MiB/s"
                    + "  in flight [0-9]+ KiB");
        }
    }

    @Test
    void aNodelayLevelOutsideTheReferencesIsRefusedWithTheRange() {
        CommandResult r = CommandResult.run("client", "--connect", "127.0.0.1:9", "--insecure", "--nodelay", "3");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("nodelay must be 0, 1 or 2");
    }

    @Test
    void anEchoClientMeetingASinkServerFailsAtOnceWithTheFix() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = server(key, false)) {
            long start = System.nanoTime();
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", key.publicKey().toString(), "--bytes", "1MiB", "--echo");
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(Main.Exit.FAILED);
            assertThat(r.err()).contains("the server refused the transfer: this server is a sink")
                    .contains("run the client without --echo");
            assertThat(System.nanoTime() - start).as("well before any timeout").isLessThan(10_000_000_000L);
        }
    }

    @Test
    void theJsonSummaryGivesTheFecAsAnObject() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .security(ServerSecurity.staticKey(key)).workers(1)
                .preferences(new io.uxp.runtime.ProviderPreferences(
                        io.uxp.runtime.ProviderPreferences.defaults().ciphers(),
                        java.util.List.of(io.uxp.runtime.FecOffer.of("reed-solomon", 10, 3)),
                        io.uxp.runtime.ProviderPreferences.defaults().congestionControls()))
                .handler(connection -> new Sink(false)).start()) {
            CommandResult r = CommandResult.run("client", "--connect", Args.print(server.localAddress()),
                    "--server-key", key.publicKey().toString(), "--bytes", "64KiB", "--fec", "10,3", "--json");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("\"fec\":{\"name\":\"reed-solomon\",\"dataShards\":10,\"parityShards\":3}")
                    .contains("\"impairment\":null");
        }
    }

    @Test
    void aRepeatedFecOptionOffersEachInOrderSoAServerWithoutFecAgreesOnTheNextOne() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .security(ServerSecurity.staticKey(key)).workers(1)
                .preferences(new io.uxp.runtime.ProviderPreferences(
                        io.uxp.runtime.ProviderPreferences.defaults().ciphers(),
                        java.util.List.of(io.uxp.runtime.FecOffer.NONE),
                        io.uxp.runtime.ProviderPreferences.defaults().congestionControls()))
                .handler(connection -> new Sink(false)).start()) {
            String address = Args.print(server.localAddress());
            CommandResult both = CommandResult.run("client", "--connect", address, "--server-key",
                    key.publicKey().toString(), "--bytes", "64KiB", "--fec", "10,3", "--fec", "off", "--json");
            CommandResult fecOnly = CommandResult.run("client", "--connect", address, "--server-key",
                    key.publicKey().toString(), "--bytes", "64KiB", "--fec", "10,3", "--json");

            assertThat(both.exitCode()).as(both.out() + both.err()).isZero();
            assertThat(both.out()).contains("\"fec\":{\"name\":\"none\"}");
            // one --fec is still the only offer: it cannot be negotiated away
            assertThat(fecOnly.exitCode()).as(fecOnly.out() + fecOnly.err()).isEqualTo(Main.Exit.FAILED);
            assertThat(fecOnly.err()).contains("NO_COMMON_PROVIDER").contains("no common FEC");
        }
    }
}
