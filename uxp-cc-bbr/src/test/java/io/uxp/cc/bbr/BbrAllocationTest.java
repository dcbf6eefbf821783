package io.uxp.cc.bbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.LossSample;
import io.uxp.testkit.MutableLossSample;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The controller allocates nothing per call in steady state. Measured with
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, reached by reflection so the module needs
 * no {@code requires jdk.management} (as uxp-kcp's KcpAllocationTest does).
 */
class BbrAllocationTest {

    static final int CALLS = 100_000;

    @Test
    void a100000AcknowledgementsSendsAndLossesAllocateNothing() throws Exception {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getCurrentThreadAllocatedBytes");
        SyntheticRounds path = new SyntheticRounds();

        long checksum = drive(path, CALLS); // warm-up: lets the JIT compile the paths measured below
        long before = (long) allocated.invoke(threads);
        checksum += drive(path, CALLS);
        long bytes = (long) allocated.invoke(threads) - before;

        System.out.printf("%d bytes allocated over %d calls (checksum %d)%n", bytes, CALLS, checksum);
        assertThat(checksum).isPositive();
        assertThat(bytes).as("bytes allocated by %d calls", CALLS).isLessThan(256);
    }

    /** Rounds at a wobbling rate and RTT, a loss every 50 acknowledgements and a timeout every 20,000. */
    private static long drive(SyntheticRounds path, int calls) {
        BbrController cc = path.cc;
        MutableLossSample loss = path.loss;
        long checksum = 0;
        int done = 0;
        for (int round = 0; done < calls; round++) {
            long rate = 1_000_000 + (round % 7) * 50_000;
            long rtt = 40_000 + (round % 5) * 4_000;
            path.round(rate, rtt);
            cc.onSent(path.nowMicros, path.segmentBytes, false);
            done += SyntheticRounds.ACKS_PER_ROUND + 1;
            if (round % 2 == 0) {
                loss.cause = done % 20_000 < SyntheticRounds.ACKS_PER_ROUND * 2
                        ? LossSample.Cause.TIMEOUT : LossSample.Cause.DUPLICATE_ACKS;
                loss.nowMicros = path.nowMicros;
                loss.lostSegments = 1;
                loss.lostBytes = path.segmentBytes;
                loss.newestSentMicros = path.nowMicros - rtt / 2;
                loss.bytesInFlight = path.bytesInFlight;
                cc.onLost(loss);
                done++;
            }
            checksum += cc.congestionWindow() + cc.pacingRate() + cc.slowStartThreshold();
        }
        return checksum;
    }
}
