package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import org.junit.jupiter.api.Test;

/** The send and receive buffers start small and double on demand up to the window, correct across sn wrap. */
class SequenceWindowTest {

    private static Segment segment(int sn) {
        Segment s = new Segment(0);
        s.sn = sn;
        return s;
    }

    @Test
    void aLargeWindowStartsWithFewSlotsAndGrowsOnlyAsFarAsTheLiveSequenceNumbersNeed() {
        SequenceWindow w = new SequenceWindow(16_384);
        assertThat(w.capacity()).isEqualTo(SequenceWindow.INITIAL_SLOTS);
        int first = -50; // the window wraps past 2^32 at sn 0
        for (int i = 0; i < 100; i++) {
            w.put(segment(first + i));
        }
        assertThat(w.capacity()).isEqualTo(128);
        for (int i = 0; i < 100; i++) {
            assertThat(w.get(first + i)).isNotNull().extracting(s -> s.sn).isEqualTo(first + i);
        }
        assertThat(w.get(first + 100)).isNull();
        assertThat(w.remove(first + 7).sn).isEqualTo(first + 7);
        assertThat(w.get(first + 7)).isNull();
        assertThat(w.count()).isEqualTo(99);
    }

    @Test
    void theSlotsNeverExceedThePowerOfTwoThatHoldsTheWindow() {
        SequenceWindow w = new SequenceWindow(100);
        for (int sn = Integer.MAX_VALUE - 49; sn != Integer.MAX_VALUE - 49 + 100; sn++) {
            w.put(segment(sn));
        }
        assertThat(w.capacity()).isEqualTo(128);
        // slide the window by 1000 numbers, keeping 100 live: it stays at 128 slots
        for (int k = 0; k < 1000; k++) {
            int oldest = Integer.MAX_VALUE - 49 + k;
            assertThat(w.remove(oldest)).isNotNull();
            w.put(segment(oldest + 100));
        }
        assertThat(w.capacity()).isEqualTo(128);
        assertThat(w.count()).isEqualTo(100);
    }

    @Test
    void anIdleEngineWithTheLargestWindowsAllocatesLittle() {
        KcpConfig config = KcpConfig.defaults().withWindows(16_384, 16_384);
        KcpEngine engine = new KcpEngine(1, config, new FixedCongestionProvider().newController(config.mssBytes()),
                (buf, off, len) -> { });
        assertThat(engine.sendWindowCapacity()).isEqualTo(SequenceWindow.INITIAL_SLOTS);
        for (int i = 0; i < 1000; i++) {
            engine.send(new byte[1], 0, 1);
        }
        engine.flush(0);
        // the peer's window is assumed to be the default 128 until it says otherwise
        assertThat(engine.stats().sendBuffer()).isEqualTo(128);
        assertThat(engine.sendWindowCapacity()).isEqualTo(128);
        assertThat(new SegmentQueue().capacity()).isEqualTo(SegmentQueue.INITIAL_SLOTS);
    }
}
