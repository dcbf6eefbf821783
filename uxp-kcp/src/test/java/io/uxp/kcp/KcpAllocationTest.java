package io.uxp.kcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.kcp.cc.FixedCongestionProvider;
import io.uxp.kcp.cc.KcpCongestionProvider;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After warm-up, a steady send / input / update / receive loop between two engines allocates (almost) nothing per
 * segment, in reference mode and in modern mode (time-based loss detection) with a pacing controller. Measured with {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, reached by
 * reflection so the module needs no {@code requires jdk.management}.
 */
class KcpAllocationTest {

    private static final int SLOTS = 64;
    private static final int CONV = 1;

    /** Datagrams in flight from one engine to the other, in preallocated slots. */
    private static final class Wire {
        final byte[][] slots = new byte[SLOTS][2048];
        final int[] lengths = new int[SLOTS];
        int count;

        void put(byte[] buf, int off, int len) {
            System.arraycopy(buf, off, slots[count], 0, len);
            lengths[count++] = len;
        }

        void deliverTo(KcpEngine engine, long now) {
            for (int i = 0; i < count; i++) {
                engine.input(slots[i], 0, lengths[i], now);
            }
            count = 0;
        }
    }

    private static long allocatedBytes(Object bean, Method method) throws Exception {
        return (long) method.invoke(bean);
    }

    @ParameterizedTest(name = "stream={0} modernPaced={1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void theSteadyStateLoopAllocatesNearlyNothingPerSegment(boolean streamMode, boolean modernPaced)
            throws Exception {
        Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
        Object bean = factory.getMethod("getThreadMXBean").invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");

        KcpConfig config = KcpConfig.defaults().withNodelay(true, 10, 2).withWindows(64, 128)
                .withStreamMode(streamMode).withReservedBytes(16, 16).withTimeLossDetection(modernPaced);
        Wire ab = new Wire();
        Wire ba = new Wire();
        // paced at 4 MB/s: about 28 segments per 10 ms round would be allowed, the burst caps a round at a few
        KcpEngine a = new KcpEngine(CONV, config, modernPaced ? new PacedController(4_000_000, 64)
                : new KcpCongestionProvider().newController(config.mssBytes()), ab::put);
        KcpEngine b = new KcpEngine(CONV, config, new FixedCongestionProvider().newController(config.mssBytes()),
                ba::put);
        byte[] message = new byte[3000];
        byte[] sink = new byte[1 << 16];
        long[] segments = {0};

        Runnable round = new Runnable() {
            long now = 1_000_000; // microseconds

            @Override
            public void run() {
                if (a.waitingToSend() < 32) {
                    a.send(message, 0, message.length);
                }
                a.update(now);
                ab.deliverTo(b, now);
                b.update(now);
                ba.deliverTo(a, now);
                while (b.receive(sink, 0, sink.length) >= 0) {
                    segments[0]++;
                }
                now += 10_000;
            }
        };
        for (int i = 0; i < 20_000; i++) {
            round.run();
        }
        long before = allocatedBytes(bean, allocated);
        long sentBefore = a.stats().segmentsSent();
        for (int i = 0; i < 20_000; i++) {
            round.run();
        }
        long bytes = allocatedBytes(bean, allocated) - before;
        long sent = a.stats().segmentsSent() - sentBefore;

        System.out.printf("stream=%s modernPaced=%s: %d bytes allocated over %d segments sent%n", streamMode,
                modernPaced, bytes, sent);
        assertThat(sent).isGreaterThan(10_000);
        assertThat(segments[0]).isPositive();
        assertThat((double) bytes / sent).as("bytes allocated per segment sent (%d bytes, %d segments)", bytes, sent)
                .isLessThan(1.0);
    }
}
