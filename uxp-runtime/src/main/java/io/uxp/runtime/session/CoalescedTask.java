package io.uxp.runtime.session;

import io.uxp.runtime.worker.Worker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A task queued on a worker at most once however many threads ask for it before it runs: a connection's wake-up
 * ("serve me on the next turn"), so that many sends from other threads between two loop turns cost one queued
 * task. {@link #request} from any thread; the task runs on the worker.
 */
final class CoalescedTask implements Runnable {

    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(CoalescedTask.class, "queued", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Worker worker;
    private final Runnable task;
    /** Whether this waits in the worker's tasks; set by whoever queues it, cleared when it runs. */
    private volatile boolean queued;

    CoalescedTask(Worker worker, Runnable task) {
        this.worker = worker;
        this.task = task;
    }

    /** Queues this on the worker unless it is queued already. Any thread. */
    void request() {
        if (!queued && QUEUED.compareAndSet(this, false, true)) {
            worker.execute(this);
        }
    }

    /** Runs the task; a request from now on queues it again. Worker thread only. */
    @Override
    public void run() {
        queued = false;
        task.run();
    }
}
