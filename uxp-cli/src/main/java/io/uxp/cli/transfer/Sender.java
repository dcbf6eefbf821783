package io.uxp.cli.transfer;

import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionClosedException;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The client side of a transfer ({@link TransferProtocol}): sends the header, then the source's bytes as
 * fast as the connection accepts them (resuming on {@link #onWritable}, never polling), hashing what was
 * accepted; then waits for the server's receipt, or, in echo mode, for every byte to come back. A refusal
 * from the server, or a source that cannot be read, fails the verdict with a message naming the problem
 * and closes the connection.
 *
 * <p>Runs on the connection's worker thread; {@link #sentBytes()} and {@link #confirmedBytes()} may be read
 * from any thread.
 */
public final class Sender implements ConnectionHandler {

    private final DataSource source;
    private final boolean echo;
    private final Sha256 sent;
    private final Sha256 echoed;
    private final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    private final CompletableFuture<Connection> ready = new CompletableFuture<>();
    private final ByteBuffer chunk = ByteBuffer.allocate(TransferProtocol.CHUNK_BYTES);
    private boolean headerSent;
    private boolean headerEchoSkipped;
    private byte[] sentDigest;
    private long receiptCount = -1;
    private byte[] receiptDigest;
    private volatile long readyNanos;
    private volatile boolean allSent;

    /**
     * @param source the bytes to send
     * @param echo whether the server echoes (hash what comes back) instead of sending a receipt
     * @param digest whether to compute and compare SHA-256 digests; without, only byte counts are compared (a
     *     measurement of the transport alone: the digests cost 7-17 % of a loopback transfer, docs/BENCHMARKS.md)
     */
    public Sender(DataSource source, boolean echo, boolean digest) {
        this.source = source;
        this.echo = echo;
        this.sent = digest ? Sha256.digesting() : Sha256.countOnly();
        this.echoed = digest ? Sha256.digesting() : Sha256.countOnly();
        chunk.limit(0);
    }

    /** @return completes when the connection is ready */
    public CompletionStage<Connection> ready() {
        return ready;
    }

    /** @return completes when the server confirmed the transfer, or exceptionally if the connection closed first */
    public CompletionStage<Verdict> verdict() {
        return verdict;
    }

    /** @return bytes the connection accepted so far */
    public long sentBytes() {
        return sent.count();
    }

    /** @return bytes echoed back so far (echo mode), or 0 */
    public long confirmedBytes() {
        return echoed.count();
    }

    /** @return whether every byte was handed to the connection (what remains is the confirmation) */
    public boolean allSent() {
        return allSent;
    }

    /** @return how many bytes the transfer has in all */
    public long totalBytes() {
        return source.length();
    }

    /** @return {@link System#nanoTime()} when the connection became ready, or 0 before */
    public long readyNanos() {
        return readyNanos;
    }

    @Override
    public void onReady(Connection connection) {
        readyNanos = System.nanoTime();
        ready.complete(connection);
        pump(connection);
    }

    @Override
    public void onWritable(Connection connection) {
        pump(connection);
    }

    private void pump(Connection connection) {
        if (verdict.isDone() || !connection.isOpen()) {
            return;
        }
        try {
            fill(connection);
        } catch (ConnectionClosedException closing) {
            // closed from another thread (an interrupted client) between the check and the send: nothing to do
        } catch (UncheckedIOException e) {
            fail(connection, "reading the data to send failed after " + sent.count() + " bytes: "
                    + e.getCause().getMessage());
        }
    }

    private void fail(Connection connection, String why) {
        verdict.completeExceptionally(new IllegalStateException(why));
        connection.close();
    }

    private void fill(Connection connection) {
        if (!headerSent) {
            if (connection.send(TransferProtocol.header(source.length(), echo, sent.digests())) != SendResult.ACCEPTED) {
                return;
            }
            headerSent = true;
        }
        int max = Math.min(TransferProtocol.CHUNK_BYTES, connection.maxMessageBytes());
        while (sentDigest == null) {
            if (!chunk.hasRemaining()) {
                long left = source.length() - sent.count();
                if (left == 0) {
                    allSent = true;
                    sentDigest = sent.finish();
                    tryFinish();
                    return;
                }
                chunk.clear().limit((int) Math.min(max, left));
                source.fill(chunk);
                chunk.flip();
            }
            int start = chunk.position();
            if (connection.send(chunk) != SendResult.ACCEPTED) {
                return;
            }
            sent.update(chunk.duplicate().position(start).limit(chunk.position()));
        }
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) {
        String refusal = TransferProtocol.refusalReason(data);
        if (refusal != null && !(echo && headerEchoSkipped)) {
            fail(connection, "the server refused the transfer: " + refusal);
            return;
        }
        if (echo) {
            if (!headerEchoSkipped && TransferProtocol.isHeader(data)) {
                headerEchoSkipped = true;
                return;
            }
            echoed.update(data);
        } else if (TransferProtocol.isReceipt(data)) {
            receiptCount = data.getLong(data.position() + 8);
            receiptDigest = new byte[TransferProtocol.DIGEST_BYTES];
            data.get(data.position() + 16, receiptDigest);
        }
        tryFinish();
    }

    /** Completes the verdict once both sides are known: what was sent, and what the server saw. */
    private void tryFinish() {
        if (sentDigest == null || verdict.isDone()) {
            return;
        }
        if (echo && echoed.count() >= source.length()) {
            finish(echoed.count(), echoed.finish());
        } else if (!echo && receiptDigest != null) {
            finish(receiptCount, receiptDigest);
        }
    }

    private void finish(long receivedCount, byte[] receivedDigest) {
        boolean digested = sent.digests();
        verdict.complete(new Verdict(sent.count(), receivedCount, digested ? TransferProtocol.hex(sentDigest) : "",
                digested ? TransferProtocol.hex(receivedDigest) : "",
                receivedCount == sent.count() && Arrays.equals(sentDigest, receivedDigest), System.nanoTime()));
    }

    @Override
    public void onClosed(Connection connection, CloseCause cause) {
        ready.completeExceptionally(new IllegalStateException("connection closed before it was ready: " + cause));
        verdict.completeExceptionally(new IllegalStateException("the connection closed before the transfer was "
                + "confirmed (" + String.format(Locale.ROOT, "%,d of %,d", sent.count(), source.length())
                + " bytes sent): " + explain(cause)));
    }

    private static String explain(CloseCause cause) {
        return switch (cause.kind()) {
            case IDLE_TIMEOUT -> "the server stopped answering (idle timeout)";
            case PEER_CLOSE -> "the server closed it" + (cause.detail().isEmpty() ? "" : " (" + cause.detail() + ")");
            case DEAD_LINK -> "too many retransmissions of one segment; the path loses nearly everything";
            default -> cause.toString();
        };
    }

    /**
     * What the transfer proved.
     *
     * @param sentBytes bytes sent
     * @param receivedBytes bytes the server received (receipt) or echoed back
     * @param sentSha256 SHA-256 of the sent bytes, hex, or empty without digests
     * @param receivedSha256 SHA-256 of the received bytes, hex, or empty without digests
     * @param match whether counts and digests agree
     * @param doneNanos {@link System#nanoTime()} when the confirmation arrived
     */
    public record Verdict(long sentBytes, long receivedBytes, String sentSha256, String receivedSha256,
            boolean match, long doneNanos) {
    }
}
