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
     * @param length bytes to yield
     * @param seed the generator's seed; incompressible bytes, so no layer can cheat by compressing
     * @return a generated source
     */
    static DataSource generated(long length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new DataSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public void fill(ByteBuffer buffer) {
                while (buffer.remaining() >= Long.BYTES) {
                    buffer.putLong(random.nextLong());
                }
                while (buffer.hasRemaining()) {
                    buffer.put((byte) random.nextInt());
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
