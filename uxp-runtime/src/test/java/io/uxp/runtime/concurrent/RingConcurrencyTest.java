package io.uxp.runtime.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The rings under contention: every element offered and accepted arrives exactly once, a producer's elements
 * arrive in its order (MPSC, and {@link SpillingQueue} across its spills), a full ring refuses instead of growing,
 * and {@link MpmcRing} with several consumers loses and duplicates nothing.
 */
class RingConcurrencyTest {

    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 100_000;

    /** A boxed-once element: producer and sequence, so the consumer can check order and uniqueness. */
    private record Item(int producer, int sequence) {
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwoAndAFullRingRefuses() {
        MpscRing<Integer> ring = new MpscRing<>(5);
        assertEquals(8, ring.capacity());
        for (int i = 0; i < 8; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(99), "a full ring refuses");
        assertEquals(8, ring.size());
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < 8; i++) {
                assertEquals(lap * 8 + i, ring.poll());
                assertTrue(ring.offer(lap * 8 + i + 8));
            }
        }
        for (int i = 0; i < 8; i++) {
            ring.poll();
        }
        assertNull(ring.poll());
        assertTrue(ring.isEmpty());
    }

    @Test
    void mpscDeliversEveryElementExactlyOnceInEachProducersOrder() throws Exception {
        MpscRing<Item> ring = new MpscRing<>(64); // small: producers keep running into a full ring
        Item[][] items = items();
        AtomicIntegerArray refusals = new AtomicIntegerArray(PRODUCERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = startProducers(start, p -> {
            for (Item item : items[p]) {
                while (!ring.offer(item)) {
                    refusals.incrementAndGet(p);
                    Thread.onSpinWait();
                }
            }
        });
        int[] next = new int[PRODUCERS];
        int maxSize = 0;
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int received = 0; received < PRODUCERS * PER_PRODUCER; ) {
            maxSize = Math.max(maxSize, ring.size());
            Item item = ring.poll();
            if (item == null) {
                assertTrue(System.nanoTime() < deadline, "elements stopped arriving");
                Thread.onSpinWait();
                continue;
            }
            assertEquals(next[item.producer()], item.sequence(), "producer " + item.producer() + "'s order");
            next[item.producer()]++;
            received++;
        }
        join(producers);
        assertNull(ring.poll(), "nothing beyond what was offered");
        assertTrue(maxSize <= ring.capacity(), "never more than the capacity queued: " + maxSize);
        int refused = 0;
        for (int p = 0; p < PRODUCERS; p++) {
            refused += refusals.get(p);
        }
        assertTrue(refused > 0, "the test should have filled the ring at least once");
    }

    @Test
    void aSpillingQueueKeepsEachProducersOrderAcrossSpills() throws Exception {
        SpillingQueue<Item> queue = new SpillingQueue<>(16); // spills all the time
        Item[][] items = items();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = startProducers(start, p -> {
            for (Item item : items[p]) {
                queue.add(item);
            }
        });
        int[] next = new int[PRODUCERS];
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int received = 0; received < PRODUCERS * PER_PRODUCER; ) {
            Item item = queue.poll();
            if (item == null) {
                assertTrue(System.nanoTime() < deadline, "elements stopped arriving");
                Thread.onSpinWait();
                continue;
            }
            assertEquals(next[item.producer()], item.sequence(), "producer " + item.producer() + "'s order");
            next[item.producer()]++;
            received++;
        }
        join(producers);
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void mpmcLosesAndDuplicatesNothingWithSeveralConsumers() throws Exception {
        MpmcRing<Item> ring = new MpmcRing<>(64);
        Item[][] items = items();
        AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * PER_PRODUCER);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = startProducers(start, p -> {
            for (Item item : items[p]) {
                while (!ring.offer(item)) {
                    Thread.onSpinWait();
                }
            }
        });
        CountDownLatch consumed = new CountDownLatch(PRODUCERS * PER_PRODUCER);
        AtomicReference<String> error = new AtomicReference<>();
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Thread t = new Thread(() -> {
                while (consumed.getCount() > 0) {
                    Item item = ring.poll();
                    if (item == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (seen.incrementAndGet(item.producer() * PER_PRODUCER + item.sequence()) != 1) {
                        error.compareAndSet(null, "duplicated: " + item);
                    }
                    consumed.countDown();
                }
            });
            t.setDaemon(true);
            consumers.add(t);
            t.start();
        }
        start.countDown();
        assertTrue(consumed.await(60, TimeUnit.SECONDS), "elements stopped arriving");
        join(producers);
        join(consumers);
        assertNull(error.get());
        for (int i = 0; i < seen.length(); i++) {
            assertEquals(1, seen.get(i), "element " + i);
        }
        assertNull(ring.poll());
    }

    @Test
    void anMpmcFreeListSharedByThreadsThatTakeAndReturnNeverHandsOneElementToTwo() throws Exception {
        // the slot pool's pattern: every thread takes an element, uses it, returns it
        int elements = 100;
        MpmcRing<Integer> pool = new MpmcRing<>(elements + 28); // capacity 128: never full, as the slot pool
        for (int i = 0; i < elements; i++) {
            assertTrue(pool.offer(i));
        }
        java.util.concurrent.atomic.AtomicIntegerArray inUse = new java.util.concurrent.atomic.AtomicIntegerArray(
                elements);
        AtomicReference<String> error = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = startProducers(start, p -> {
            for (int n = 0; n < 300_000; n++) {
                Integer e = pool.poll();
                if (e == null) {
                    continue;
                }
                if (!inUse.compareAndSet(e, 0, 1)) {
                    error.compareAndSet(null, "element " + e + " handed to two threads");
                }
                inUse.set(e, 0);
                // a refusal is transient (another thread between claim and release one lap ahead): retry
                while (!pool.offer(e)) {
                    Thread.onSpinWait();
                }
            }
        });
        start.countDown();
        join(threads);
        assertNull(error.get());
        int count = 0;
        while (pool.poll() != null) {
            count++;
        }
        assertEquals(elements, count, "every element is back");
    }

    private static Item[][] items() {
        Item[][] items = new Item[PRODUCERS][PER_PRODUCER];
        for (int p = 0; p < PRODUCERS; p++) {
            for (int i = 0; i < PER_PRODUCER; i++) {
                items[p][i] = new Item(p, i);
            }
        }
        return items;
    }

    private interface Producer {
        void run(int index);
    }

    private static List<Thread> startProducers(CountDownLatch start, Producer body) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int index = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.run(index);
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " did not finish");
        }
    }
}
