package io.uxp.cli.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/** Where the bytes of a transfer come from: a file, or a seeded pseudo-random stream. */
public interface DataSource extends AutoCloseable {

    /** @return how many bytes the source yields in all */
    long length();

    /**
     * Fills {@code buffer} from its position to its limit, or with what remains if less.
     *
     * @param buffer the destination
     */
    void fill(ByteBuffer buffer);

    @Override
    default void close() {
    }

    /**
     * The bytes a generated source repeats: a prime number of them, so that no transport bug that moves data by
     * a packet or a chunk (16 KiB) or any multiple of either can go unnoticed by the digest, and large enough that
     * no layer could compress a packet.
     */
    int GENERATED_CYCLE_BYTES = 1_048_573;

    /**
     * A pseudo-random stream: {@value #GENERATED_CYCLE_BYTES} bytes drawn from {@code seed} once, then repeated;
     * for one seed, a shorter stream is the prefix of a longer one.
     * Drawing every byte cost the demo's sending thread 6-11 % of its time (JFR, docs/BENCHMARKS.md); copying costs
     * next to nothing.
     *
     * @param length bytes to yield
     * @param seed the generator's seed
     * @return a generated source
     */
    static DataSource generated(long length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] cycle = new byte[(int) Math.min(length, GENERATED_CYCLE_BYTES)];
        ByteBuffer drawing = ByteBuffer.wrap(cycle);
        while (drawing.remaining() >= Long.BYTES) {
            drawing.putLong(random.nextLong());
        }
        if (drawing.hasRemaining()) { // the first bytes of the next draw: a shorter stream is a longer one's prefix
            byte[] last = ByteBuffer.allocate(Long.BYTES).putLong(random.nextLong()).array();
            drawing.put(last, 0, drawing.remaining());
        }
        return new DataSource() {
            private int next;

            @Override
            public long length() {
                return length;
            }

            @Override
            public void fill(ByteBuffer buffer) {
                while (buffer.hasRemaining() && cycle.length > 0) {
                    int n = Math.min(buffer.remaining(), cycle.length - next);
                    buffer.put(cycle, next, n);
                    next += n;
                    if (next == cycle.length) {
                        next = 0;
                    }
                }
            }
        };
    }

    /**
     * @param file the file to send
     * @return a source reading it in order
     * @throws IOException if it cannot be opened
     */
    static DataSource file(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size = channel.size();
        return new DataSource() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public void fill(ByteBuffer buffer) {
                try {
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer) < 0) {
                            throw new IOException(file + " shrank while it was being sent");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
