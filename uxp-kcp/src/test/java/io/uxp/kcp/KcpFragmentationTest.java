package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.LinkSimulator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Message sizes at the edges of the MTU and of the fragment limit, in both directions of the edge. */
class KcpFragmentationTest {

    private static final int CONV = 5;
    private static final int MSS = KcpConfig.DEFAULT_MTU_BYTES - 24;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static List<String> segmentsOf(KcpConfig config, int messageBytes) {
        EngineProbe p = new EngineProbe(CONV, config.withWindows(256, config.receiveWindow()));
        assertThat(p.engine.send(new byte[messageBytes], 0, messageBytes)).isEqualTo(KcpEngine.OK);
        // the default controller admits one segment at first; "fixed" is not needed to see the fragment count
        assertThat(p.engine.waitingToSend()).isEqualTo(Math.max(1, (messageBytes + MSS - 1) / MSS));
        p.engine.flush(0);
        return p.segments();
    }

    @Test
    void aMessageOfExactlyMssIsOneSegmentWithFrgZero() {
        assertThat(segmentsOf(KcpConfig.defaults(), MSS)).containsExactly("81:0:0:" + MSS);
    }

    @Test
    void aMessageOfMssPlusOneIsTwoFragmentsCountingDown() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults());
        p.engine.send(new byte[MSS + 1], 0, MSS + 1);
        assertThat(p.engine.waitingToSend()).isEqualTo(2);
        for (int t = 0; t < 3_000 && p.segments().size() < 2; t += 100) {
            p.engine.update(t * 1000L);
            byte[] ack = EngineProbe.segment(CONV, SegmentCodec.CMD_ACK, 0, 128, 0, 0, 0, new byte[0]);
            p.engine.input(ack, 0, ack.length, t * 1000L);
        }
        assertThat(p.segments()).startsWith("81:0:1:" + MSS).contains("81:1:0:1");
    }

    @Test
    void anEmptyMessageIsOneEmptySegment() {
        assertThat(segmentsOf(KcpConfig.defaults(), 0)).containsExactly("81:0:0:0");
    }

    @Test
    void theLargestMessageUsesAsManyFragmentsAsTheReceiveWindowAndOneByteMoreIsRefused() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults());
        int max = p.engine.maxMessageBytes();
        assertThat(max).isEqualTo(128 * MSS);

        assertThat(p.engine.send(new byte[max + 1], 0, max + 1)).isEqualTo(KcpEngine.MESSAGE_TOO_LARGE);
        assertThat(p.engine.waitingToSend()).isZero();
        assertThat(p.engine.send(new byte[max], 0, max)).isEqualTo(KcpEngine.OK);
        assertThat(p.engine.waitingToSend()).isEqualTo(128);
    }

    @Test
    void theFragmentCountNeverPassesTheOneByteFrgField() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults().withMtuBytes(100).withWindows(32, 1000));
        int mss = 76;
        assertThat(p.engine.maxMessageBytes()).isEqualTo(255 * mss);
        assertThat(p.engine.send(new byte[255 * mss + 1], 0, 255 * mss + 1)).isEqualTo(KcpEngine.MESSAGE_TOO_LARGE);
        assertThat(p.engine.send(new byte[255 * mss], 0, 255 * mss)).isEqualTo(KcpEngine.OK);
        p.engine.flush(0);
        assertThat(p.segments().get(0)).isEqualTo("81:0:254:" + mss);
    }

    @Test
    void streamModeHasNoMessageLimitAndCoalescesSmallWritesIntoTheLastSegment() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults().withStreamMode(true));
        assertThat(p.engine.maxMessageBytes()).isEqualTo(Integer.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            p.engine.send(new byte[100], 0, 100);
        }
        assertThat(p.engine.waitingToSend()).isEqualTo(1);
        p.engine.send(new byte[MSS], 0, MSS);
        assertThat(p.engine.waitingToSend()).isEqualTo(2);
        assertThat(p.engine.send(new byte[200 * MSS], 0, 200 * MSS)).isEqualTo(KcpEngine.OK);
    }

    @Test
    void largestMessageArrivesWholeAndATooSmallBufferConsumesNothing() {
        KcpConfig config = KcpConfig.defaults().withWindows(128, 128);
        KcpLink link = new KcpLink(LinkSimulator.builder().seed(1).delay(5, 5).build(), config, false, 0);
        byte[] big = random(link.a.maxMessageBytes(), 1);
        byte[] small = random(MSS + 1, 2);
        link.a.send(big, 0, big.length);
        link.a.send(small, 0, small.length);
        link.a.send(new byte[0], 0, 0);
        // the big message fills B's whole receive window; the rest can follow only once it is read
        assertThat(link.runWithoutDraining(() -> link.b.stats().receiveQueue() >= 128, 60_000, 100_000)).isTrue();

        byte[] dst = new byte[big.length];
        assertThat(link.b.peekSize()).isEqualTo(big.length);
        assertThat(link.b.receive(dst, 0, big.length - 1)).isEqualTo(KcpEngine.BUFFER_TOO_SMALL);
        assertThat(link.b.peekSize()).isEqualTo(big.length);
        assertThat(link.b.receive(dst, 0, dst.length)).isEqualTo(big.length);
        assertThat(dst).isEqualTo(big);
        assertThat(link.runWithoutDraining(() -> link.b.stats().receiveQueue() >= 3, 60_000, 100_000)).isTrue();
        assertThat(link.b.receive(dst, 0, dst.length)).isEqualTo(small.length);
        assertThat(java.util.Arrays.copyOf(dst, small.length)).isEqualTo(small);
        assertThat(link.b.receive(dst, 0, dst.length)).isZero();
        assertThat(link.b.receive(dst, 0, dst.length)).isEqualTo(KcpEngine.EMPTY);
        assertThat(link.b.peekSize()).isEqualTo(KcpEngine.EMPTY);
    }

    @Test
    void aPartlyArrivedMessageIsNotReadable() {
        EngineProbe p = new EngineProbe(CONV, KcpConfig.defaults());
        byte[] first = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 1, 128, 0, 0, 0, new byte[] {1});
        p.engine.input(first, 0, first.length, 0);
        assertThat(p.engine.peekSize()).isEqualTo(KcpEngine.EMPTY);
        assertThat(p.engine.receive(new byte[10], 0, 10)).isEqualTo(KcpEngine.EMPTY);
        byte[] last = EngineProbe.segment(CONV, SegmentCodec.CMD_PUSH, 0, 128, 0, 1, 0, new byte[] {2, 3});
        p.engine.input(last, 0, last.length, 0);
        byte[] dst = new byte[10];
        assertThat(p.engine.receive(dst, 0, 10)).isEqualTo(3);
        assertThat(dst).startsWith(1, 2, 3);
    }
}
