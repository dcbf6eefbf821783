package io.uxp.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.runtime.io.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A waiting worker lends its loop to one sending thread at a time: while lent, the runner runs nothing (tasks
 * wait), the borrower is the loop's thread, and a timer the borrower set earlier than the runner's deadline still
 * fires on time, on the runner. A loop no runner runs (a test's) is never lent.
 */
class WorkerLendingTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    /** Borrows the loop for the calling thread once its runner waits (as soon as it has nothing to do). */
    private static void borrow(Worker w) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!w.tryBorrow()) {
            assertThat(System.nanoTime()).as("the runner never waited").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }

    @Test
    void whileLentTheRunnerRunsNothingAndTheBorrowerIsTheLoopsThread() throws Exception {
        Worker w = Worker.start("lending-test", Clock.MONOTONIC, 16);
        try {
            borrow(w);
            assertThat(w.inWorker()).isTrue();
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(w::tryBorrow);
            assertThat(other.get(5, TimeUnit.SECONDS)).isFalse(); // one borrower at a time
            AtomicBoolean ran = new AtomicBoolean();
            CompletableFuture<String> ranOn = new CompletableFuture<>();
            w.execute(() -> {
                ran.set(true);
                ranOn.complete(Thread.currentThread().getName());
            });
            TimeUnit.MILLISECONDS.sleep(50); // the runner is woken by the task but must wait for the loop
            assertThat(ran).isFalse();
            w.giveBack();
            assertThat(w.inWorker()).isFalse();
            assertThat(ranOn.get(5, TimeUnit.SECONDS)).isEqualTo("lending-test");
        } finally {
            w.close();
        }
    }

    @Test
    void aTimerTheBorrowerSetsBeforeTheRunnersDeadlineFiresOnTheRunner() throws Exception {
        Worker w = Worker.start("lending-timer-test", Clock.MONOTONIC, 16);
        try {
            CompletableFuture<String> firedOn = new CompletableFuture<>();
            Scheduled s = new Scheduled() {
                @Override
                protected void onTimer(long nowMillis) {
                    firedOn.complete(Thread.currentThread().getName());
                }

                @Override
                protected void afterBatch(long nowMillis) {
                }
            };
            borrow(w); // the runner waits with no deadline at all
            w.scheduleMicros(s, w.clock().nowMicros() + 2_000);
            w.giveBack();
            assertThat(firedOn.get(5, TimeUnit.SECONDS)).isEqualTo("lending-timer-test");
        } finally {
            w.close();
        }
    }

    @Test
    void aCallWhileTheRunnerWaitsRunsOnTheCallerAndOtherwiseOnTheRunner() throws Exception {
        Worker w = Worker.start("lending-call-test", Clock.MONOTONIC, 16);
        try {
            String me = Thread.currentThread().getName();
            long deadline = System.nanoTime() + BOUND.toNanos();
            String ranOn;
            do { // the first calls may find the runner still busy starting: they run there
                ranOn = w.call(() -> Thread.currentThread().getName(), 5_000);
                assertThat(System.nanoTime()).as("the call never ran on the caller").isLessThan(deadline);
            } while (!me.equals(ranOn));
            assertThat(w.inWorker()).isFalse(); // given back
            borrow(w);
            CompletableFuture<String> other = CompletableFuture.supplyAsync(
                    () -> w.call(() -> Thread.currentThread().getName(), 5_000));
            while (!w.hasQueuedWork()) { // the other caller could not borrow: its task waits for the runner
                assertThat(System.nanoTime()).as("the other call never queued").isLessThan(deadline + BOUND.toNanos());
                TimeUnit.MILLISECONDS.sleep(1);
            }
            w.giveBack();
            assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("lending-call-test");
        } finally {
            w.close();
        }
    }

    @Test
    void aLoopWithoutARunnerIsNeverLent() {
        Worker w = new Worker("driven", Clock.MONOTONIC, 16);
        assertThat(w.tryBorrow()).isFalse();
        assertThat(w.doWork()).isZero();
        assertThat(w.tryBorrow()).isFalse();
    }
}
