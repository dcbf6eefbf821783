package io.uxp.runtime.session;

import io.uxp.api.ConnectionClosedException;
import io.uxp.api.ConnectionHandler;
import io.uxp.runtime.session.ConnectionLifecycle.State;
import io.uxp.runtime.worker.Worker;
import java.nio.ByteBuffer;

/**
 * Hands a connection's received messages to its handler as KCP releases them, on the connection's worker: at most
 * {@link #BATCH} per service turn, the rest on the next turn, after the worker's other connections had theirs;
 * none while the application has paused reading, unless the peer's CLOSE arrived (what came before it is still
 * delivered). A handler that throws closes the connection. {@link #pause} and {@link #resume} from any thread.
 */
final class Delivery {

    /** Messages delivered per service turn before timers and other connections get a turn. */
    static final int BATCH = 1_024;

    private final UxpConnection connection;
    private final Inbox inbox;
    private final ConnectionLifecycle lifecycle;
    private final Worker worker;
    /** Queues a service turn of the connection. */
    private final Runnable touch;
    private volatile boolean paused;

    Delivery(UxpConnection connection, Inbox inbox, ConnectionLifecycle lifecycle, Worker worker, Runnable touch) {
        this.connection = connection;
        this.inbox = inbox;
        this.lifecycle = lifecycle;
        this.worker = worker;
        this.touch = touch;
    }

    /** Stops delivering until {@link #resume}. Any thread. */
    void pause() {
        paused = true;
    }

    /** Delivers again, from the connection's next turn. Any thread. */
    void resume() {
        paused = false;
        worker.execute(touch);
    }

    /**
     * Delivers what is ready, up to a batch.
     *
     * @param handler the connection's handler
     * @param now the time, in milliseconds
     * @return whether a message was taken from KCP (its receive window moved: worth a flush)
     */
    boolean deliver(ConnectionHandler handler, long now) {
        boolean taken = false;
        for (int i = 0; !paused || lifecycle.state() == State.CLOSE_SENT; i++) {
            if (i == BATCH) {
                // more may be ready: continue on the next loop turn, after the other connections had theirs
                worker.execute(touch);
                return taken;
            }
            ByteBuffer message = inbox.next();
            if (message == null) {
                return taken;
            }
            taken = true;
            try {
                handler.onData(connection, message);
            } catch (ConnectionClosedException e) {
                // the handler answered data that arrived before the peer's CLOSE: not a bug of the handler
                if (lifecycle.state() == State.OPEN) {
                    lifecycle.handlerFailed("onData", e, now);
                    return taken;
                }
            } catch (RuntimeException e) {
                lifecycle.handlerFailed("onData", e, now);
                return taken;
            }
            if (lifecycle.state() == State.CLOSED) {
                return taken;
            }
        }
        return taken;
    }
}
