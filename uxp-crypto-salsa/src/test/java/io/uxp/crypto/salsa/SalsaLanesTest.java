package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.Salsa20Engine;

/** Every lane is the Salsa20 block of its counter, the 64-bit counter carrying from word 8 into word 9. */
class SalsaLanesTest {

    @Property(tries = 200)
    void eachLaneIsBouncyCastlesBlockOfItsCounterAcrossTheLowWordsWrap(@ForAll @Size(16) int[] input,
            @ForAll @IntRange(min = 0, max = 40) int belowWrap,
            @ForAll @IntRange(min = 1, max = SalsaLanes.MAX_LANES * 64) int length) {
        int[] state = input.clone();
        state[8] = -belowWrap; // 2^32 - belowWrap: the low word wraps within the pass when belowWrap < blocks
        byte[] buffer = new byte[length];
        SalsaLanes.xor(state, buffer, 0, length);

        assertThat(state).isEqualTo(withCounter(input, -belowWrap, input[9]));
        ByteBuffer expected = ByteBuffer.allocate((length + 63) / 64 * 64).order(ByteOrder.LITTLE_ENDIAN);
        int[] block = new int[16];
        for (long b = 0; b < (length + 63) / 64; b++) {
            long counter = (Integer.toUnsignedLong(-belowWrap) + b);
            int[] s = withCounter(input, (int) counter, input[9] + (int) (counter >>> 32));
            Salsa20Engine.salsaCore(20, s, block);
            for (int word : block) {
                expected.putInt(word);
            }
        }
        byte[] want = new byte[length];
        expected.flip().get(want);
        assertThat(buffer).isEqualTo(want);
    }

    private static int[] withCounter(int[] input, int low, int high) {
        int[] s = input.clone();
        s[8] = low;
        s[9] = high;
        return s;
    }
}
