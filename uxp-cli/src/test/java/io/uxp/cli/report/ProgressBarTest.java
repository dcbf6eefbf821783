package io.uxp.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long MIB = 1 << 20;

    @Test
    void aWideTerminalShowsTheBarPercentBytesRateRttElapsedAndEta() {
        String f = ProgressBar.frame(120, "sent", 16 * MIB, 64 * MIB, 4, 12, null);
        assertThat(f).startsWith("sent [").contains("]  25%  16.0/64.0 MiB  4.00 MiB/s  RTT 12 ms  0:04  ETA 0:12");
        assertThat(f.length()).isLessThan(120);
    }

    @Test
    void everyFrameFitsSixtyColumnsWithoutReachingTheLastOne() {
        for (long done = 0; done <= 64 * MIB; done += 8 * MIB) {
            String f = ProgressBar.frame(60, "sent", done, 64 * MIB, 3661, 1234, done == 64 * MIB
                    ? "waiting for the receipt" : null);
            assertThat(f.length()).as(f).isLessThan(60);
            assertThat(f).contains("%");
        }
    }

    @Test
    void aNarrowTerminalDropsTheLeastUsefulFieldsFirst() {
        String f = ProgressBar.frame(60, "sent", 16 * MIB, 64 * MIB, 4, 12, null);
        assertThat(f).contains("[").contains("25%").contains("ETA 0:12").doesNotContain("0:04  ");
    }

    @Test
    void aPhaseTakesTheEtasPlaceAndTheLastFrameShowsAHundredPercent() {
        String waiting = ProgressBar.frame(100, "sent", 64 * MIB, 64 * MIB, 8, 3, "waiting for the receipt");
        assertThat(waiting).contains("100%").contains("waiting for the receipt").doesNotContain("ETA");
        String done = ProgressBar.frame(100, "sent", 64 * MIB, 64 * MIB, 9, 3, "done");
        assertThat(done).contains("[" + "=".repeat(10)).doesNotContain(">").contains("100%").endsWith("done");
    }

    @Test
    void anEmptyTransferIsComplete() {
        assertThat(ProgressBar.frame(80, "sent", 0, 0, 0, -1, "done")).contains("100%").doesNotContain("RTT");
    }

    @Test
    void clocksReadAsMinutesAndHours() {
        assertThat(ProgressBar.clock(5)).isEqualTo("0:05");
        assertThat(ProgressBar.clock(125)).isEqualTo("2:05");
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }
}
