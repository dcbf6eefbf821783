package io.uxp.runtime.worker;

import io.uxp.runtime.io.DatagramReads;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets one {@link Worker} reads itself: its selector (opened on the first registration), the registered
 * channels and the reading of the ready ones, each datagram into a pooled slot handed to its channel's
 * {@link Inbound}. {@link #registration} and {@link #wakeup} from any thread; everything else on the worker's.
 */
final class WorkerSockets {

    /** Logged under the worker's name: these are the worker's own messages. */
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Largest datagram read from a socket: the largest UDP payload over IPv4 (65,535 - 20 - 8). */
    private static final int MAX_DATAGRAM_BYTES = 65_507;

    private final String name;
    /** Run before a datagram found by {@link #select} is read: the worker takes its loop back from a borrower. */
    private final Runnable beforeRead;
    /** Opened on the first {@link #registration}: a loop that reads no socket (a test's) needs none. */
    private volatile Selector selector;
    private Consumer<SelectionKey> onReady;
    /** Sockets the worker reads; worker thread only. */
    private int registered;

    /**
     * @param name the worker's name, for its log messages
     * @param beforeRead run on the worker's thread before each datagram {@link #select} reads
     */
    WorkerSockets(String name, Runnable beforeRead) {
        this.name = name;
        this.beforeRead = beforeRead;
    }

    /**
     * Prepares {@code channel} for reading (non-blocking, enlarged buffers) and opens the selector if need be. Any
     * thread.
     *
     * @param channel a datagram channel
     * @param to where its datagrams go; told of a channel error
     * @param pool where slots come from
     * @param via stamped on each slot as {@link DatagramSlot#via}
     * @return the registration itself, to run on the worker
     * @throws IOException if the channel cannot be made non-blocking
     */
    Runnable registration(DatagramChannel channel, Inbound to, SlotPool pool, int via) throws IOException {
        channel.configureBlocking(false);
        ReceiveLoop.enlargeBuffers(channel);
        Selector s = openSelector();
        DatagramReads.Source source = new DatagramReads.Source(to, pool, via);
        return () -> {
            try {
                channel.register(s, SelectionKey.OP_READ, source);
                registered++;
            } catch (IOException | RuntimeException e) {
                to.onChannelError(e);
            }
        };
    }

    private synchronized Selector openSelector() throws IOException {
        if (selector == null) {
            DatagramReads r = new DatagramReads(MAX_DATAGRAM_BYTES);
            onReady = key -> {
                beforeRead.run();
                r.read(key);
            };
            selector = Selector.open(); // published last: the worker reads reads/onReady after seeing it
        }
        return selector;
    }

    /** Stops reading {@code channel}, if it was registered. Worker thread only. */
    void unregister(DatagramChannel channel) {
        Selector s = selector;
        SelectionKey key = s == null ? null : channel.keyFor(s);
        if (key != null && key.isValid()) {
            key.cancel();
            registered--;
        }
    }

    /** @return whether any socket is registered */
    boolean any() {
        return registered > 0;
    }

    /** Wakes a {@link #select} in progress, or makes the next one return at once. Any thread. */
    void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /**
     * Waits for a datagram or a wake-up, reading what arrives.
     *
     * @param timeoutMillis the longest wait; 0 for none
     */
    void select(long timeoutMillis) throws IOException {
        selector.select(onReady, timeoutMillis);
    }

    /** @return how many registered sockets had datagrams (read and handed to their inbound) */
    int selectNow() {
        try {
            return selector.selectNow(onReady);
        } catch (IOException | ClosedSelectorException e) {
            LOG.warn("worker {}: its selector failed: {}", name, e.toString());
            return 0;
        }
    }

    /** Closes the selector, if one was opened. */
    void close() {
        Selector s = selector;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing worker {}'s selector: {}", name, e.toString());
            }
        }
    }
}
