package io.uxp.runtime;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionClosedException;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.session.ReadControl;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Blocking {@link InputStream} and {@link OutputStream} adapters over one connection, for code that wants
 * streams (best with {@link io.uxp.api.DeliveryMode#STREAM}; in message mode each write is cut into messages
 * of at most {@link Connection#maxMessageBytes()}). Use an instance as the connection's handler: pass it to
 * {@link UxpClient#connect} or return it from {@link io.uxp.api.ServerHandler#onConnectionOpened}.
 *
 * <pre>{@code
 * ConnectionStreams streams = new ConnectionStreams(1 << 20);
 * client.connect(server, streams).get(10, TimeUnit.SECONDS);
 * streams.outputStream().write(request);
 * int n = streams.inputStream().read(buffer);
 * }</pre>
 *
 * <p>The input side holds at most about {@code maxBufferedBytes}: beyond it the connection stops taking data
 * out of KCP, so KCP's receive window closes and the peer's sender sees back-pressure. Reading blocks until
 * bytes arrive or the connection closes (then {@code -1}). Writing blocks while the connection reports
 * back-pressure. Closing the output stream closes the connection gracefully. This adapter copies each
 * received chunk once; it is meant for convenience, not for the allocation-free path (use the handler API
 * directly for that). Thread-safe: one reader thread and one writer thread may use it at once. One instance
 * serves one connection: a server makes a new one in each {@code onConnectionOpened}.
 */
public final class ConnectionStreams implements ConnectionHandler {

    private final int maxBufferedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final CompletableFuture<Connection> ready = new CompletableFuture<>();
    private final Input input = new Input();
    private final Output output = new Output();
    private int headOffset;
    private long buffered;
    private boolean paused;
    private CloseCause closeCause;
    private Connection connection;

    /**
     * @param maxBufferedBytes how many received bytes may wait for the reader before the connection stops
     *     taking data from KCP; at least 1
     */
    public ConnectionStreams(int maxBufferedBytes) {
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be positive, got " + maxBufferedBytes);
        }
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /** @return completes with the connection once it is ready */
    public CompletionStage<Connection> ready() {
        return ready;
    }

    /** @return the blocking input stream of received bytes; the same object on every call */
    public InputStream inputStream() {
        return input;
    }

    /** @return the blocking output stream; the same object on every call; closing it closes the connection */
    public OutputStream outputStream() {
        return output;
    }

    @Override
    public void onReady(Connection c) {
        lock.lock();
        try {
            connection = c;
        } finally {
            lock.unlock();
        }
        ready.complete(c);
    }

    @Override
    public void onData(Connection c, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        lock.lock();
        try {
            chunks.addLast(copy);
            buffered += copy.length;
            if (buffered >= maxBufferedBytes && !paused && c instanceof ReadControl rc) {
                paused = true;
                rc.pauseReading();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onWritable(Connection c) {
        signal();
    }

    @Override
    public void onClosed(Connection c, CloseCause cause) {
        lock.lock();
        try {
            closeCause = cause;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        ready.completeExceptionally(new ConnectionClosedException(cause));
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Connection awaitConnection() throws IOException {
        try {
            return ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the connection");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("the connection closed before it was ready", e.getCause());
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (chunks.isEmpty()) {
                    if (closeCause != null) {
                        return -1;
                    }
                    changed.await();
                }
                int copied = 0;
                while (copied < len && !chunks.isEmpty()) {
                    byte[] head = chunks.peekFirst();
                    int n = Math.min(len - copied, head.length - headOffset);
                    System.arraycopy(head, headOffset, b, off + copied, n);
                    copied += n;
                    headOffset += n;
                    if (headOffset == head.length) {
                        chunks.pollFirst();
                        headOffset = 0;
                    }
                }
                buffered -= copied;
                if (paused && buffered <= maxBufferedBytes / 2 && connection instanceof ReadControl rc) {
                    paused = false;
                    rc.resumeReading();
                }
                return copied;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, buffered);
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            Connection c = awaitConnection();
            int max = c.maxMessageBytes();
            ByteBuffer remaining = ByteBuffer.wrap(b, off, len);
            while (remaining.hasRemaining()) {
                ByteBuffer slice = remaining.slice();
                slice.limit(Math.min(max, slice.remaining()));
                SendResult result;
                try {
                    result = c.send(slice);
                } catch (ConnectionClosedException e) {
                    throw new IOException("the connection is closed: " + e.closeCause(), e);
                }
                if (result == SendResult.ACCEPTED) {
                    remaining.position(remaining.position() + slice.position());
                } else {
                    awaitWritable(c);
                }
            }
        }

        private void awaitWritable(Connection c) throws IOException {
            lock.lock();
            try {
                // onWritable signals; the isWritable check closes the race with a signal sent before we waited.
                while (!c.isWritable() && closeCause == null) {
                    changed.await(c.isOpen() ? 100 : 10, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                if (closeCause != null) {
                    throw new IOException("the connection closed: " + closeCause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for room to send");
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            Connection c = ready.getNow(null);
            if (c != null) {
                c.close();
            }
        }
    }
}
