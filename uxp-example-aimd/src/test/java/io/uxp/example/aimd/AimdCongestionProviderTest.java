package io.uxp.example.aimd;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AimdCongestionProviderTest {

    @Test
    void theRegistryFindsTheExampleByItsWireNameOnTheModulePath() {
        assertThat(getClass().getModule().getName()).isEqualTo("io.uxp.example.aimd");

        var provider = ProviderRegistry.load().congestionControl("example-aimd");

        assertThat(ProviderRegistry.origin(provider)).isEqualTo("io.uxp.example.aimd");
    }

    @Test
    void theWindowGrowsByOnePerWindowOfAcksHalvesOnFastRetransmitAndFloorsOnTimeout() {
        CongestionController cc = new AimdCongestionProvider().newController(1376);
        assertThat(cc.congestionWindow()).isEqualTo(AimdController.MIN_WINDOW);

        for (int i = 0; i < 4 + 5 + 6 + 7; i++) { // one window of acks per step: 4 -> 5 -> 6 -> 7 -> 8
            cc.onAcknowledged(1000, 0);
        }
        assertThat(cc.congestionWindow()).isEqualTo(8);

        cc.onFastRetransmit(8, 2, 0);
        assertThat(cc.congestionWindow()).isEqualTo(4);
        cc.onAcknowledged(2, 0); // never above what the peer can take, never below the floor
        assertThat(cc.congestionWindow()).isEqualTo(AimdController.MIN_WINDOW);
        cc.onTimeout(4, 0);
        assertThat(cc.congestionWindow()).isEqualTo(AimdController.MIN_WINDOW);
    }

    /** The plug-in drives a real KCP engine: 256 KiB cross a link with 10% loss each way, intact and in order. */
    @Test
    void aKcpEngineUsingTheExampleDeliversEveryByteOverALossyLink() {
        LinkSimulator link = LinkSimulator.builder().seed(11).loss(0.10).delay(10, 30).build();
        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withWindows(128, 128);
        var provider = new AimdCongestionProvider();
        long[] now = {0};
        KcpEngine[] engines = new KcpEngine[2];
        engines[0] = new KcpEngine(7, config, provider.newController(config.mssBytes()),
                (buf, off, len) -> link.send(Side.A, buf, off, len, now[0]));
        engines[1] = new KcpEngine(7, config, provider.newController(config.mssBytes()),
                (buf, off, len) -> link.send(Side.B, buf, off, len, now[0]));
        byte[] payload = new byte[256 * 1024];
        new SplittableRandom(3).nextBytes(payload);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] scratch = new byte[config.mssBytes() * 128];
        int sent = 0;

        for (; now[0] < 120_000 && received.size() < payload.length; now[0]++) { // virtual milliseconds
            while (sent < payload.length && engines[0].waitingToSend() < 256) {
                int n = Math.min(1000, payload.length - sent);
                assertThat(engines[0].send(payload, sent, n)).isEqualTo(KcpEngine.OK);
                sent += n;
            }
            link.deliverDue(now[0], (to, buf, off, len) -> engines[to == Side.A ? 0 : 1].input(buf, off, len, now[0]));
            engines[0].update(now[0]);
            engines[1].update(now[0]);
            for (int n; (n = engines[1].receive(scratch, 0, scratch.length)) >= 0; ) {
                received.write(scratch, 0, n);
            }
        }

        assertThat(Arrays.equals(received.toByteArray(), payload)).as("delivered bytes equal sent bytes").isTrue();
        assertThat(link.lost()).isPositive();
        assertThat(engines[0].stats().retransmissions()).isPositive();
    }
}
