package io.uxp.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void aNumberIsAcceptedOnceAndTheSecondTimeIsADuplicate() {
        ReplayWindow w = new ReplayWindow();
        assertThat(w.check(5)).isEqualTo(ReplayWindow.FRESH);
        w.accept(5);
        assertThat(w.check(5)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(w.check(4)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(0)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void checkingDoesNotMoveTheWindowOnlyAcceptingDoes() {
        ReplayWindow w = new ReplayWindow();
        w.accept(0);
        assertThat(w.check(1_000_000)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(0)).isEqualTo(ReplayWindow.DUPLICATE);
        assertThat(w.largest()).isZero();
    }

    @Test
    void theWindowHolds2048NumbersBehindTheLargest() {
        ReplayWindow w = new ReplayWindow();
        w.accept(10_000);
        assertThat(w.check(10_000 - 2047)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(10_000 - 2048)).isEqualTo(ReplayWindow.TOO_OLD);
        w.accept(10_000 - 2047);
        assertThat(w.check(10_000 - 2047)).isEqualTo(ReplayWindow.DUPLICATE);
    }

    @Test
    void aLargeJumpForgetsEverythingBehindTheNewWindow() {
        ReplayWindow w = new ReplayWindow();
        for (long i = 0; i < 3000; i++) {
            w.accept(i);
        }
        w.accept(1L << 40);
        assertThat(w.check((1L << 40) - 1)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check((1L << 40) - 2047)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(2999)).isEqualTo(ReplayWindow.TOO_OLD);
    }

    /** The window agrees with a model that remembers every accepted number. */
    @Property(tries = 200)
    void theWindowMatchesASetModel(@ForAll @Size(max = 400) List<@LongRange(min = 0, max = 5000) Long> numbers) {
        ReplayWindow w = new ReplayWindow();
        Set<Long> seen = new HashSet<>();
        long largest = -1;
        for (long n : numbers) {
            int expected = n > largest ? ReplayWindow.FRESH
                    : largest - n >= ReplayWindow.WINDOW ? ReplayWindow.TOO_OLD
                    : seen.contains(n) ? ReplayWindow.DUPLICATE : ReplayWindow.FRESH;
            assertThat(w.check(n)).as("check(%d) after largest %d", n, largest).isEqualTo(expected);
            if (expected == ReplayWindow.FRESH) {
                w.accept(n);
                seen.add(n);
                largest = Math.max(largest, n);
            }
        }
    }
}
