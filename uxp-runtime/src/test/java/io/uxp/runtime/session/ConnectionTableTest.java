package io.uxp.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The connection table against a HashMap model, and lock-free readers racing a writer that churns. */
class ConnectionTableTest {

    /** A connection stand-in: the table needs only its ID. */
    private record Entry(long id) {
    }

    private static ConnectionTable<Entry> table() {
        return new ConnectionTable<>(Entry::id);
    }

    @Test
    void randomPutsAndRemovesAgreeWithAMapAndValuesListsExactlyTheLiveEntries() {
        ConnectionTable<Entry> table = table();
        Map<Long, Entry> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            // a small key space, so that removals, reinsertions and tombstone reuse are frequent
            long id = random.nextLong(4_096) * 0x9E3779B97F4A7C15L;
            if (random.nextInt(3) == 0) {
                table.remove(id);
                model.remove(id);
            } else {
                Entry e = new Entry(id);
                table.put(id, e);
                model.put(id, e);
            }
            long probe = random.nextLong(4_096) * 0x9E3779B97F4A7C15L;
            assertThat(table.get(probe)).isSameAs(model.get(probe));
        }
        assertThat(table.size()).isEqualTo(model.size());
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(model.values());
    }

    @Test
    void tenThousandConnectionsOpenedThenClosedOneByOneLeaveAnEmptyTable() {
        ConnectionTable<Entry> table = table();
        for (long id = 1; id <= 10_000; id++) {
            table.put(id, new Entry(id));
        }
        assertThat(table.size()).isEqualTo(10_000);
        for (long id = 1; id <= 10_000; id++) {
            assertThat(table.get(id)).isEqualTo(new Entry(id));
        }
        for (long id = 1; id <= 10_000; id++) {
            table.remove(id);
            assertThat(table.get(id)).isNull();
        }
        assertThat(table.size()).isZero();
        assertThat(table.values()).isEmpty();
        assertThat(table.get(0)).isNull();
    }

    @Test
    void readersAlwaysFindTheStableEntriesAndNeverAnotherIdsWhileAWriterChurns() throws Exception {
        ConnectionTable<Entry> table = table();
        List<Long> stable = new java.util.ArrayList<>();
        for (long i = 1; i <= 500; i++) {
            long id = i * 0x9E3779B97F4A7C15L;
            stable.add(id);
            table.put(id, new Entry(id));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong lookups = new AtomicLong();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            long seed = r;
            readers[r] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (running.get() && failure.get() == null) {
                    long id = stable.get(random.nextInt(stable.size()));
                    Entry e = table.get(id);
                    if (e == null || e.id() != id) {
                        failure.set("lookup of " + id + " gave " + e);
                    }
                    long churned = -1 - random.nextLong(2_000);
                    Entry c = table.get(churned);
                    if (c != null && c.id() != churned) {
                        failure.set("lookup of " + churned + " gave " + c);
                    }
                    lookups.incrementAndGet();
                }
            });
            readers[r].start();
        }
        SplittableRandom random = new SplittableRandom(99);
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until && failure.get() == null) {
            long id = -1 - random.nextLong(2_000);
            if (random.nextBoolean()) {
                table.put(id, new Entry(id));
            } else {
                table.remove(id);
            }
        }
        running.set(false);
        for (Thread t : readers) {
            t.join(5_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(lookups.get()).isPositive();
    }
}
