package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.ServerHandler;
import io.uxp.cli.transfer.Sink;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uxp client} in a child JVM, stopped by SIGTERM in the middle of a transfer. */
class ClientInterruptTest {

    @TempDir
    Path dir;

    private static List<String> javaCommand() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(Path.of(System.getProperty("basedir", "."), "target", "test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, entries), Main.class.getName()));
    }

    @Test
    void sigtermClosesTheConnectionSoTheServerLearnsAtOnceAndTheClientSaysHowFarItGot() throws Exception {
        ServerKeyPair key = ServerKeyPair.generate(new SecureRandom());
        CompletableFuture<CloseCause> closed = new CompletableFuture<>();
        AtomicReference<Sink> sink = new AtomicReference<>();
        ServerHandler handler = new ServerHandler() {
            @Override
            public ConnectionHandler onConnectionOpened(Connection connection) {
                Sink s = new Sink(false);
                sink.set(s);
                return s;
            }

            @Override
            public void onConnectionClosed(Connection connection, CloseCause cause) {
                closed.complete(cause);
            }
        };
        Path output = dir.resolve("client.out");
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .security(ServerSecurity.staticKey(key)).workers(1).handler(handler).start()) {
            List<String> command = javaCommand();
            command.addAll(List.of("client", "--connect", Args.print(server.localAddress()), "--server-key",
                    key.publicKey().toString(), "--bytes", "100GiB"));
            Process client = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            try {
                Awaitility.await().atMost(60, TimeUnit.SECONDS)
                        .until(() -> sink.get() != null && sink.get().receivedBytes() > 0);
                long signalled = System.nanoTime();
                client.destroy(); // SIGTERM
                CloseCause cause = closed.get(30, TimeUnit.SECONDS);
                assertThat(cause.kind()).isEqualTo(CloseCause.Kind.PEER_CLOSE);
                // the idle timeout is 10 s: the close message, not the timeout, told the server
                assertThat(System.nanoTime() - signalled).isLessThan(TimeUnit.SECONDS.toNanos(8));
                assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                client.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(printed).containsPattern("uxp client: interrupted; sent [0-9,]+ of 107,374,182,400 bytes "
                    + "\\([0-9]+%\\) in [0-9.]+ s; connection closed");
            assertThat(printed).doesNotContain("Exception").doesNotContain("java.");
        }
    }
}
