package io.uxp.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.kcp.KcpProfile;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.ProviderPreferences;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Wire-level interop of UXP's KCP engine with kcp-go, the most used KCP implementation, running in its own
 * container (a scratch image holding a static binary built from Debian's kcp-go source). kcp-go without
 * encryption and FEC sends plain KCP segments, so any difference in header layout, acknowledgement, window or
 * fragmentation logic shows up as a stalled or corrupted transfer.
 */
@ExtendWith(ScenarioTimer.class)
class KcpGoInteropIT {

    private static final int PEER_PORT = 4000;
    private static final int TRANSFER_BYTES = 1 << 20;
    private static final long DEADLINE_MILLIS = 60_000;

    @BeforeAll
    static void prerequisites() {
        Prerequisites.requireDocker();
        Prerequisites.requireGoAndKcpGo();
    }

    /** The settings kcppeer uses: nodelay(1, 10, 2, 1), windows 256, MTU 1400. */
    private static KcpProfile kcpGoLikeProfile(String congestion, boolean streamMode) {
        KcpConfig config = KcpConfig.defaults().withWindows(256, 256).withMtuBytes(1400).withStreamMode(streamMode);
        return new KcpProfile(config.withNodelay(true, 10, 2), congestion);
    }

    /**
     * UXP's own defaults on the KCP wire: the runtime's modern mode (RACK, one timeout per flush, twice-sent
     * out-of-order ACKs), pacing by the controller, and a larger window; kcp-go runs {@code -window} alike.
     */
    private static KcpProfile uxpDefaultsProfile(String congestion, int window) {
        KcpConfig config = KcpConfig.defaults().withWindows(window, window).withMtuBytes(1400)
                .withNodelay(1, 10, 2).withTimeLossDetection(true).withReorderWindowMinMillis(2);
        return new KcpProfile(config, congestion);
    }

    /**
     * Message sizes are drawn up to the engine's maximum message (hundreds of fragments), so kcp-go reassembles
     * UXP's fragments and UXP reassembles kcp-go's.
     */
    @ParameterizedTest(name = "congestion {0}, loss {1} each way, stream mode {2}, window {3}")
    @CsvSource({"fixed, 0.0, false, 256", "kcp, 0.0, false, 256", "fixed, 0.10, false, 256", "kcp, 0.05, false, 256",
        "fixed, 0.0, true, 256", "fixed, 0.10, true, 256", "bbr, 0.0, false, 16384", "bbr, 0.05, false, 16384",
        "bbr, 0.10, true, 16384"})
    void uxpClientGetsEveryByteEchoedByAKcpGoServer(String congestion, double loss, boolean streamMode, int window)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("server", "-listen", ":" + PEER_PORT,
                "-window", String.valueOf(window)));
        if (streamMode) {
            command.add("-stream");
        }
        if (congestion.equals("bbr")) {
            // the bbr cases are UXP's defaults: its default congestion control and its default windows
            assertThat(ProviderPreferences.defaults().congestionControls().get(0)).isEqualTo("bbr");
            assertThat(window).as("the runtime's default window").isEqualTo(ConnectionSettings.DEFAULT_WINDOW);
        }
        KcpProfile profile = congestion.equals("bbr") ? uxpDefaultsProfile(congestion, window)
                : kcpGoLikeProfile(congestion, streamMode);
        if (streamMode) {
            profile = new KcpProfile(profile.config().withStreamMode(true), congestion);
        }
        try (GenericContainer<?> peer = new GenericContainer<>(GoPeer.image())
                .withCommand(command.toArray(String[]::new))
                .waitingFor(Wait.forLogMessage(".*kcppeer listening.*", 1))
                .withStartupTimeout(Duration.ofSeconds(60))) {
            peer.start();
            InetSocketAddress peerAddress = new InetSocketAddress(Containers.ip(peer), PEER_PORT);

            byte[] payload = new byte[TRANSFER_BYTES];
            new Random(42).nextBytes(payload);
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            Random sizes = new Random(7);
            try (KcpUdpEndpoint client = new KcpUdpEndpoint(new InetSocketAddress(0),
                    profile, loss, 1234)) {
                client.connect(peerAddress, 0x55585002);
                KcpEngine engine = client.engine();
                int[] sent = {0};
                client.run(System.nanoTime() / 1_000_000 + DEADLINE_MILLIS, new KcpUdpEndpoint.Step() {
                    @Override
                    public void onMessage(byte[] buf, int len) {
                        echoed.write(buf, 0, len);
                    }

                    @Override
                    public boolean tick() {
                        // keep at most two windows queued: the engine's queue is the back-pressure signal
                        while (sent[0] < payload.length && engine.waitingToSend() < 512) {
                            int n = Math.min(1 + sizes.nextInt(engine.maxMessageBytes()), payload.length - sent[0]);
                            assertThat(engine.send(payload, sent[0], n)).isEqualTo(KcpEngine.OK);
                            sent[0] += n;
                        }
                        return echoed.size() >= payload.length;
                    }
                });
                if (loss > 0) {
                    assertThat(client.dropped()).as("the impairment dropped datagrams").isPositive();
                    assertThat(engine.stats().retransmissions()).as("losses were repaired").isPositive();
                }
            }
            assertThat(echoed.size()).isEqualTo(payload.length);
            assertThat(Arrays.equals(echoed.toByteArray(), payload)).as("echoed bytes equal sent bytes").isTrue();
        }
    }

    @Test
    void kcpGoClientGetsEveryByteEchoedByAUxpResponder() throws Exception {
        // the container reaches the host through the bridge's gateway address, which belongs to this machine
        String gateway = bridgeGateway();
        try (KcpUdpEndpoint responder = new KcpUdpEndpoint(new InetSocketAddress(InetAddress.getByName(gateway), 0),
                kcpGoLikeProfile("fixed", false), 0.05, 99)) {
            int port = responder.localAddress().getPort();
            Thread echo = new Thread(() -> echoUntilClosed(responder), "uxp-echo");
            echo.setDaemon(true);
            echo.start();
            try (GenericContainer<?> client = new GenericContainer<>(GoPeer.image())
                    .withCommand("client", "-connect", gateway + ":" + port, "-bytes", String.valueOf(TRANSFER_BYTES))
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy()
                            .withTimeout(Duration.ofMillis(DEADLINE_MILLIS)))) {
                // OneShotStartupCheckStrategy: start() returns only once the client exited with status 0,
                // which kcppeer does only after it verified the echo byte for byte
                client.start();
                assertThat(client.getLogs()).contains("echo verified: " + TRANSFER_BYTES + " bytes");
            }
        }
    }

    private static void echoUntilClosed(KcpUdpEndpoint responder) {
        try {
            responder.run(System.nanoTime() / 1_000_000 + DEADLINE_MILLIS, new KcpUdpEndpoint.Step() {
                @Override
                public void onMessage(byte[] buf, int len) {
                    responder.engine().send(buf, 0, len);
                }

                @Override
                public boolean tick() {
                    return Thread.currentThread().isInterrupted();
                }
            });
        } catch (Exception | AssertionError e) {
            // the container's exit status reports the outcome; a deadline here means the client never finished
        }
    }

    /** The host's address on Docker's default bridge (docker0), which containers on that bridge can reach. */
    private static String bridgeGateway() throws java.io.IOException {
        var network = org.testcontainers.DockerClientFactory.instance().client().inspectNetworkCmd()
                .withNetworkId("bridge").exec();
        String gateway = network.getIpam().getConfig().stream().map(c -> c.getGateway())
                .filter(g -> g != null && !g.isBlank()).findFirst().orElse(null);
        if (gateway == null) {
            // the default bridge often leaves the gateway out of its IPAM config; docker0 carries it
            var docker0 = java.net.NetworkInterface.getByName("docker0");
            assertThat(docker0).as("docker0 interface").isNotNull();
            gateway = docker0.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).findFirst()
                    .orElseThrow().getHostAddress();
        }
        return gateway;
    }
}
