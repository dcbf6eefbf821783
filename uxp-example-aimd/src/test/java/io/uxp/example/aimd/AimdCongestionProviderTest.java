package io.uxp.example.aimd;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.LossSample;
import io.uxp.api.spi.LossSample.Cause;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import io.uxp.testkit.MutableAckSample;
import io.uxp.testkit.MutableLossSample;
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
            cc.onAcknowledged(ack(1000, true));
        }
        assertThat(cc.congestionWindow()).isEqualTo(8);
        cc.onAcknowledged(ack(1000, false)); // selective only: una did not move, nothing counted
        for (int i = 0; i < 7; i++) {
            cc.onAcknowledged(ack(1000, true));
        }
        assertThat(cc.congestionWindow()).as("7 of 8 acks counted").isEqualTo(8);

        cc.onLost(loss(Cause.DUPLICATE_ACKS));
        assertThat(cc.congestionWindow()).isEqualTo(4);
        cc.onAcknowledged(ack(2, true)); // never above what the peer can take, never below the floor
        assertThat(cc.congestionWindow()).isEqualTo(AimdController.MIN_WINDOW);
        cc.onLost(loss(Cause.TIMEOUT));
        assertThat(cc.congestionWindow()).isEqualTo(AimdController.MIN_WINDOW);
        assertThat(cc.pacingRate()).isZero();
    }

    @Test
    void aLossFoundByTimeHalvesLikeOneFoundByDuplicateAcks() {
        CongestionController cc = new AimdCongestionProvider().newController(1376);
        for (int i = 0; i < 4 + 5 + 6 + 7; i++) {
            cc.onAcknowledged(ack(1000, true));
        }
        cc.onLost(loss(Cause.TIME_THRESHOLD));
        assertThat(cc.congestionWindow()).isEqualTo(4);
    }

    /** An acknowledgement of one segment from a peer advertising {@code remoteWindow}. */
    private static AckSample ack(int remoteWindow, boolean cumulativeAdvanced) {
        MutableAckSample a = new MutableAckSample();
        a.ackedBytes = 1400;
        a.remoteWindow = remoteWindow;
        a.cumulativeAdvanced = cumulativeAdvanced;
        return a;
    }

    /** One lost segment for {@code cause}. */
    private static LossSample loss(Cause cause) {
        MutableLossSample l = new MutableLossSample();
        l.cause = cause;
        l.lostSegments = 1;
        l.lostBytes = 1400;
        l.segmentsOutstanding = 8;
        l.windowInUse = 8;
        return l;
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
            link.deliverDue(now[0], (to, buf, off, len) -> engines[to == Side.A ? 0 : 1].input(buf, off, len,
                    now[0] * 1000));
            engines[0].update(now[0] * 1000); // the engine's clock is microseconds
            engines[1].update(now[0] * 1000);
            for (int n; (n = engines[1].receive(scratch, 0, scratch.length)) >= 0; ) {
                received.write(scratch, 0, n);
            }
        }

        assertThat(Arrays.equals(received.toByteArray(), payload)).as("delivered bytes equal sent bytes").isTrue();
        assertThat(link.lost()).isPositive();
        assertThat(engines[0].stats().retransmissions()).isPositive();
    }
}
