package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.provider.checks.CipherAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What sealing and opening allocate per packet once the sealer and opener exist: nothing on Bouncy Castle's
 * composition, with either kind of lanes (the Vector API's boxes must all be scalar-replaced by C2); on the JDK's cipher, what its per-packet {@code Cipher.init} costs (printed; bounded from JDK 21,
 * where {@code auto} chooses it: JDK 25 measured 4,648 B per seal and open, JDK 17 7,152 B as its decryption
 * also copies the packet).
 */
class ChaCha20Poly1305AllocationTest {

    /** Above JDK 25's 4,648 B per seal and open, below what one more copy of each packet would add. */
    private static final double JDK_BOUND_BYTES = 5_500;

    @AfterEach
    void clearProperty() {
        System.clearProperty(Lanes.PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "superword"})
    void tenThousandSealAndOpenCyclesOf1400BytePacketsAllocateLessThanOneBytePerPacket(String lanes) {
        System.setProperty(Lanes.PROPERTY, lanes);
        CipherAllocation.Result result = CipherAllocation.sealAndOpen(
                new ChaCha20Poly1305Provider(Backend.BOUNCY_CASTLE), 1400, 20_000, 10_000);

        assertThat(result.failures()).isZero();
        assertThat(result.bytesPerPacket()).as("bytes allocated per packet, %s lanes", lanes).isLessThan(1.0);
    }

    @Test
    void onTheJdksCipherFromJdk21EachSealAndOpenAllocatesOnlyWhatItsInitialisationsCost() {
        CipherAllocation.Result result = CipherAllocation.sealAndOpen(
                new ChaCha20Poly1305Provider(Backend.JDK), 1400, 20_000, 10_000);
        System.out.printf("ChaCha20Poly1305AllocationTest: JDK %s backend allocates %.0f bytes per seal+open%n",
                Runtime.version(), result.bytesPerPacket());

        assertThat(result.failures()).isZero();
        if (Runtime.version().feature() >= Backend.JDK_FROM) {
            assertThat(result.bytesPerPacket()).as("bytes allocated per packet").isLessThan(JDK_BOUND_BYTES);
        }
    }
}
