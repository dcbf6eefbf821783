package io.uxp.runtime.robustness;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * What a test may leak, at one moment: live threads (by id, with their names), open file descriptors and the
 * heap in use after a few full collections.
 *
 * @param threads live threads, id to name
 * @param openFileDescriptors open descriptors of this process, or -1 where the JVM cannot tell
 * @param heapUsedBytes heap in use after {@link #GC_ROUNDS} collections
 */
record ProcessSnapshot(Map<Long, String> threads, long openFileDescriptors, long heapUsedBytes) {

    /** Collections before the heap is read: one may leave garbage that a finalizer or cleaner frees later. */
    static final int GC_ROUNDS = 3;

    static ProcessSnapshot take() {
        return new ProcessSnapshot(liveThreads(), countOpenFileDescriptors(), heapAfterGc());
    }

    static Map<Long, String> liveThreads() {
        Map<Long, String> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                out.put(t.getId(), t.getName());
            }
        }
        return out;
    }

    static long countOpenFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < GC_ROUNDS; i++) {
            memory.gc();
            // let reference handlers and cleaners run between rounds (a pause, not a wait for a condition)
            LockSupport.parkNanos(50_000_000L);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** @return the threads alive now that were not alive in {@code start}, id to name */
    Map<Long, String> newThreadsSince(ProcessSnapshot start) {
        Map<Long, String> out = new TreeMap<>(threads);
        out.keySet().removeAll(start.threads.keySet());
        return out;
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
