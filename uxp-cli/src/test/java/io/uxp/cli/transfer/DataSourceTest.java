package io.uxp.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataSourceTest {

    private static byte[] draw(DataSource source, int bytes, int chunk) {
        byte[] out = new byte[bytes];
        ByteBuffer buffer = ByteBuffer.allocate(chunk);
        for (int at = 0; at < bytes; ) {
            buffer.clear().limit(Math.min(chunk, bytes - at));
            source.fill(buffer);
            buffer.flip();
            int n = buffer.remaining();
            buffer.get(out, at, n);
            at += n;
        }
        return out;
    }

    @Test
    void aGeneratedStreamIsTheSameForASeedWhateverTheChunkSizesAndDiffersAcrossSeeds() {
        int bytes = 3 * DataSource.GENERATED_CYCLE_BYTES + 777;
        byte[] inSmallChunks = draw(DataSource.generated(bytes, 5), bytes, 1_371);
        byte[] inLargeChunks = draw(DataSource.generated(bytes, 5), bytes, 16 * 1024);
        byte[] otherSeed = draw(DataSource.generated(bytes, 6), bytes, 16 * 1024);

        assertThat(inSmallChunks).isEqualTo(inLargeChunks);
        assertThat(Arrays.copyOf(otherSeed, 4096)).isNotEqualTo(Arrays.copyOf(inSmallChunks, 4096));
    }

    @Test
    void aGeneratedStreamRepeatsOnlyAfterItsPrimeCycle() {
        int cycle = DataSource.GENERATED_CYCLE_BYTES;
        byte[] stream = draw(DataSource.generated(2L * cycle, 1), 2 * cycle, 16 * 1024);

        assertThat(Arrays.copyOfRange(stream, cycle, 2 * cycle)).isEqualTo(Arrays.copyOfRange(stream, 0, cycle));
        for (int shift : new int[] {1_371, 1_400, 16 * 1024, 65_536, 1 << 20}) {
            assertThat(Arrays.copyOfRange(stream, shift, shift + 4096))
                    .as("the stream shifted by %d bytes", shift)
                    .isNotEqualTo(Arrays.copyOfRange(stream, 0, 4096));
        }
    }

    @Test
    void aShortGeneratedStreamIsThePrefixOfALongOneAndAnEmptyOneFillsNothing() {
        byte[] shortStream = draw(DataSource.generated(10, 1), 10, 4);
        byte[] longStream = draw(DataSource.generated(100_000, 1), 100_000, 4096);
        assertThat(shortStream).isEqualTo(Arrays.copyOf(longStream, 10));

        ByteBuffer buffer = ByteBuffer.allocate(16);
        DataSource.generated(0, 1).fill(buffer); // returns at once: nothing to repeat
        assertThat(buffer.position()).isZero();
    }
}
