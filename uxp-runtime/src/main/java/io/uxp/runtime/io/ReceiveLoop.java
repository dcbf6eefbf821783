package io.uxp.runtime.io;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receive thread: one selector over datagram channels, for a server socket that its workers cannot read
 * themselves (an adopted channel, or a platform without {@code SO_REUSEPORT}; see {@link
 * io.uxp.runtime.worker.Worker#register}). It reads each ready channel into a pooled {@link DatagramSlot}
 * and hands the slot to the channel's {@link Inbound}, which queues it to the owning worker; it never runs
 * protocol code, so a slow handler never stops the socket from being drained.
 *
 * <p>Channels are non-blocking: the workers send on them directly, and a full socket send buffer drops
 * the datagram (KCP retransmits) instead of stalling a worker. Per datagram the loop copies once, from its
 * direct read buffer into the slot (the JDK would copy a heap buffer anyway); the sender's address object
 * is reused by the JDK while it does not change.
 */
public final class ReceiveLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveLoop.class);
    /** Socket buffer asked for, in bytes: about one default window (1,024 x 1,400) plus headroom. */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;

    private final Selector selector;
    private final SlotPool pool;
    private final DatagramReads reads;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Consumer<SelectionKey> onReady;
    private volatile boolean running = true;

    /**
     * @param name the thread's name
     * @param pool where slots come from
     * @param maxDatagramBytes the largest datagram read whole; longer ones are truncated (and then fail to
     *     authenticate)
     * @throws IOException if no selector can be opened
     */
    public ReceiveLoop(String name, SlotPool pool, int maxDatagramBytes) throws IOException {
        this.selector = Selector.open();
        this.pool = pool;
        this.reads = new DatagramReads(maxDatagramBytes);
        this.onReady = reads::read;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers a channel; it is switched to non-blocking mode and read from now on.
     *
     * @param channel the channel
     * @param inbound where its datagrams go
     * @throws IOException if the channel cannot be configured
     */
    public void register(DatagramChannel channel, Inbound inbound) throws IOException {
        channel.configureBlocking(false);
        enlargeBuffers(channel);
        DatagramReads.Source source = new DatagramReads.Source(inbound, pool, 0);
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, source);
            } catch (IOException | RuntimeException e) {
                inbound.onChannelError(e);
            }
        });
        selector.wakeup();
    }

    /**
     * Stops reading a channel (the caller closes it).
     *
     * @param channel the channel
     */
    public void unregister(DatagramChannel channel) {
        pending.add(() -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null) {
                key.cancel();
            }
        });
        selector.wakeup();
    }

    /**
     * Asks for socket buffers that hold a window's burst (also for the sockets workers read themselves) (the kernel caps the request at its own maximum,
     * net.core.rmem_max / wmem_max on Linux): a small send buffer drops datagrams that KCP must then resend.
     */
    public static void enlargeBuffers(DatagramChannel channel) {
        try {
            if (channel.getOption(StandardSocketOptions.SO_RCVBUF) < SOCKET_BUFFER_BYTES) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            }
            if (channel.getOption(StandardSocketOptions.SO_SNDBUF) < SOCKET_BUFFER_BYTES) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot enlarge the socket buffers: {}", e.toString());
        }
    }

    private void run() {
        try {
            while (running) {
                Runnable r;
                while ((r = pending.poll()) != null) {
                    r.run();
                }
                selector.select(onReady);
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                LOG.warn("receive loop {} stopped: {}", thread.getName(), e.toString());
            }
        }
    }

    /** @return whether the caller runs on this loop's thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Stops the thread and closes the selector (not the channels). Waits for the thread a bounded time. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing selector: {}", e.toString());
        }
    }
}
