package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Sealing and opening allocate nothing per packet once the sealer and opener exist. */
class XSalsa20Poly1305AllocationTest {

    private static final int PACKET_BYTES = 1400;
    private static final int HEADER_BYTES = 13;
    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 10_000;

    @Test
    void tenThousandSealAndOpenCyclesOf1400BytePacketsAllocateLessThanOneBytePerPacket() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] key = new byte[32];
        key[0] = 1;
        XSalsa20Poly1305Provider provider = new XSalsa20Poly1305Provider();
        PacketSealer sealer = provider.newSealer(key);
        PacketOpener opener = provider.newOpener(key);
        byte[] packet = new byte[PACKET_BYTES];
        byte[] nonce = new byte[24];
        int plaintextLength = PACKET_BYTES - HEADER_BYTES - provider.overheadBytes();

        long failures = cycles(sealer, opener, packet, nonce, plaintextLength, 0, WARM_UP);
        long before = threads.getCurrentThreadAllocatedBytes();
        failures += cycles(sealer, opener, packet, nonce, plaintextLength, WARM_UP, MEASURED);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(failures).isZero();
        assertThat((double) allocated / MEASURED).as("bytes allocated per packet (total %d)", allocated)
                .isLessThan(1.0);
    }

    private static long cycles(PacketSealer sealer, PacketOpener opener, byte[] packet, byte[] nonce,
            int plaintextLength, long firstPacketNumber, int count) {
        long failures = 0;
        for (long n = firstPacketNumber; n < firstPacketNumber + count; n++) {
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[16 + i] = (byte) (n >>> (8 * i));
            }
            int sealed = sealer.seal(nonce, packet, 0, HEADER_BYTES, HEADER_BYTES, plaintextLength);
            if (opener.open(nonce, packet, 0, HEADER_BYTES, HEADER_BYTES, sealed) != plaintextLength) {
                failures++;
            }
        }
        return failures;
    }
}
