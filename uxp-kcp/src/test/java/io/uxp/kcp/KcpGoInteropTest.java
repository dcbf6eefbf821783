package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.uxp.kcp.cc.FixedCongestionProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wire compatibility with kcp-go, the most used KCP implementation: messages sent by this engine to a kcp-go
 * peer ({@code src/test/go/kcpecho}, kcp-go's bare KCP engine over UDP on 127.0.0.1) come back echoed, byte for
 * byte and in order. Opt-in, since it needs Go and kcp-go's sources (Debian: {@code golang-go},
 * {@code golang-github-xtaci-kcp-dev}): run with {@code -Duxp.kcp.interop=true}. Real time, bounded.
 */
@EnabledIfSystemProperty(named = "uxp.kcp.interop", matches = "true")
class KcpGoInteropTest {

    private static final int CONV = 0x5EED;
    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static Path buildPeer() throws Exception {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path binary = base.resolve("target/kcpecho");
        assumeTrue(Files.isDirectory(GOPATH.resolve("src/github.com/xtaci/kcp-go")), "kcp-go sources absent");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", binary.toString(), "./src/test/go/kcpecho")
                .directory(base.toFile()).redirectErrorStream(true);
        pb.environment().put("GO111MODULE", "off");
        pb.environment().put("GOPATH", GOPATH.toString());
        pb.environment().put("CGO_ENABLED", "0");
        Process go;
        try {
            go = pb.start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no go binary: " + e.getMessage());
            throw e;
        }
        boolean done = go.waitFor(300, TimeUnit.SECONDS);
        String log = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            go.destroyForcibly();
        }
        assertThat(done && go.exitValue() == 0).as("go build: %s", log).isTrue();
        return binary;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void messagesEchoedByKcpGoArriveIntactAndInOrder(boolean streamMode) throws Exception {
        Path binary = buildPeer();
        Process peer = new ProcessBuilder(binary.toString(), "-conv", Integer.toString(CONV), "-idle", "3s", "-max",
                "60s").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(peer.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().trim());
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withWindows(128, 128)
                    .withStreamMode(streamMode);
            KcpEngine engine = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(1376),
                    (buf, off, len) -> send(channel, buf, off, len));

            List<byte[]> sent = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(17);
            for (int i = 0; i < 300; i++) {
                // kcp-go refuses empty messages, so sizes start at 1; up to 4 fragments
                byte[] m = new byte[random.nextInt(1, 5000)];
                random.nextBytes(m);
                sent.add(m);
            }
            byte[] expected = concat(sent);
            ByteBuffer in = ByteBuffer.allocate(65536);
            byte[] out = new byte[1 << 16];
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            List<byte[]> messages = new ArrayList<>();
            int next = 0;
            long start = System.nanoTime();
            while (received.size() < expected.length && System.nanoTime() - start < DEADLINE_NANOS) {
                long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
                while (next < sent.size() && engine.waitingToSend() < 256) {
                    assertThat(engine.send(sent.get(next), 0, sent.get(next).length)).isEqualTo(KcpEngine.OK);
                    next++;
                }
                in.clear();
                for (int k = 0; k < 64 && channel.receive(in) != null; k++) {
                    assertThat(engine.input(in.array(), 0, in.position(), now)).isEqualTo(KcpEngine.OK);
                    in.clear();
                }
                engine.update(now);
                for (int n = engine.receive(out, 0, out.length); n >= 0; n = engine.receive(out, 0, out.length)) {
                    received.write(out, 0, n);
                    messages.add(Arrays.copyOf(out, n));
                }
                // wait for a datagram, at most until the next update is due
                long wait = engine.check(TimeUnit.NANOSECONDS.toMillis(System.nanoTime())) - now;
                selector.select(Math.max(1, Math.min(wait, 10)));
                selector.selectedKeys().clear();
            }
            assertThat(received.toByteArray()).isEqualTo(expected);
            if (!streamMode) {
                assertThat(messages).hasSize(sent.size());
                for (int i = 0; i < sent.size(); i++) {
                    assertThat(messages.get(i)).isEqualTo(sent.get(i));
                }
            }
            assertThat(engine.stats().srttMillis()).isLessThan(1000);
        } finally {
            peer.destroy();
            if (!peer.waitFor(5, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
            }
        }
    }

    private static void send(DatagramChannel channel, byte[] buf, int off, int len) {
        try {
            channel.write(ByteBuffer.wrap(buf, off, len));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        parts.forEach(b::writeBytes);
        return b.toByteArray();
    }
}
