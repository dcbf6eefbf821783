package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.provider.checks.CipherAllocation;
import org.junit.jupiter.api.Test;

/** Sealing and opening allocate nothing per packet once the sealer and opener exist. */
class XSalsa20Poly1305AllocationTest {

    @Test
    void tenThousandSealAndOpenCyclesOf1400BytePacketsAllocateLessThanOneBytePerPacket() {
        CipherAllocation.Result result = CipherAllocation.sealAndOpen(new XSalsa20Poly1305Provider(), 1400, 20_000, 10_000);

        assertThat(result.failures()).isZero();
        assertThat(result.bytesPerPacket()).as("bytes allocated per packet").isLessThan(1.0);
    }
}
