package com.example.uxp.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.provider.checks.CipherAllocation;
import org.junit.jupiter.api.Test;

/**
 * What the plugin costs in garbage, said honestly: unlike UXP's built-in ciphers (0 bytes per packet), a cipher on
 * {@code javax.crypto} allocates on every seal and open, for a new {@code GCMParameterSpec} and the GCM state its
 * {@code init} rebuilds. Measured with the thread's allocation counter (uxp-provider-checks' {@code
 * CipherAllocation}); the figure is printed, and docs/SPI.md section 4 quotes it.
 */
class AesGcmAllocationTest {

    /**
     * Above what JDK 17.0.15 measured here (2,368 bytes per seal and open of a 1,400-byte datagram, 2026-12-02; see
     * the printed figure), and below one more copy of every packet in each direction: a regression that copies the
     * datagram fails.
     */
    private static final double BOUND_BYTES_PER_PACKET = 4_000;

    @Test
    void eachSealAndOpenOfA1400ByteDatagramAllocatesOnlyWhatJavaxCryptosInitialisationCosts() {
        CipherAllocation.Result result = CipherAllocation.sealAndOpen(new AesGcmCipherProvider(), 1400, 20_000,
                10_000);
        System.out.printf("AesGcmAllocationTest: JDK %s, aes-256-gcm allocates %.0f bytes per seal+open of a "
                + "1,400-byte datagram%n", Runtime.version(), result.bytesPerPacket());

        assertThat(result.failures()).isZero();
        assertThat(result.bytesPerPacket()).as("bytes allocated per seal+open").isPositive()
                .isLessThan(BOUND_BYTES_PER_PACKET);
    }
}
