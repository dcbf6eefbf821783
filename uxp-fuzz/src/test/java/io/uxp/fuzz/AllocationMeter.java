package io.uxp.fuzz;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by the current thread ({@code com.sun.management.ThreadMXBean}), so a harness can assert
 * that a parser's allocation is bounded by the datagram it was given and never by a length field inside it.
 * The counter also sees what the JVM allocates on this thread to load a class (and, when fuzzing, what Jazzer
 * allocates to instrument it), so a call during which a class was loaded is not judged. Bounds are generous: they
 * catch a {@code new byte[len]} with a hostile {@code len}, not a stray small object.
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();

    private final long allocatedAtStart;
    private final long classesAtStart;

    private AllocationMeter() {
        classesAtStart = CLASSES.getTotalLoadedClassCount();
        allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return a meter that starts counting now */
    public static AllocationMeter start() {
        return new AllocationMeter();
    }

    /**
     * @param limit the most the code under test may have allocated since {@link #start()}
     * @param what names the call, for the failure message
     * @throws AssertionError if the limit was exceeded and no class was loaded meanwhile
     */
    public void assertAtMost(long limit, String what) {
        long used = THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
        if (used > limit && CLASSES.getTotalLoadedClassCount() == classesAtStart) {
            throw new AssertionError(what + " allocated " + used + " bytes, more than its bound of " + limit
                    + ": an allocation sized by an untrusted length?");
        }
    }
}
