package io.uxp.provider.checks;

import com.sun.management.ThreadMXBean;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.lang.management.ManagementFactory;

/**
 * Measures what a {@link CipherProvider} allocates per packet: seal and open of full-size datagrams in place,
 * each under a fresh nonce, after a warm-up, counted by the current thread's allocation counter. For the
 * built-in providers' tests and for third-party cipher authors alike (docs/SPI.md: the per-packet methods
 * allocate nothing). Needs the {@code jdk.management} module.
 */
public final class CipherAllocation {

    /** Bytes of cleartext header authenticated as associated data, like UXP's record header. */
    private static final int HEADER_BYTES = 17;

    private CipherAllocation() {
    }

    /**
     * What the measured cycles did.
     *
     * @param bytesPerPacket bytes allocated per seal-and-open cycle
     * @param failures cycles whose open did not return the plaintext length
     */
    public record Result(double bytesPerPacket, long failures) {
    }

    /**
     * @param provider the cipher
     * @param packetBytes datagram size, header and cipher overhead included
     * @param warmUp cycles run first and not counted (lets the JIT settle)
     * @param measured cycles counted
     * @return allocation per packet and failed opens over the measured cycles
     */
    public static Result sealAndOpen(CipherProvider provider, int packetBytes, int warmUp, int measured) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] key = new byte[provider.keyBytes()];
        key[0] = 1;
        PacketSealer sealer = provider.newSealer(key);
        PacketOpener opener = provider.newOpener(key);
        byte[] packet = new byte[packetBytes];
        byte[] nonce = new byte[provider.nonceBytes()];
        int plaintextLength = packetBytes - HEADER_BYTES - provider.overheadBytes();

        long failures = cycles(sealer, opener, packet, nonce, plaintextLength, 0, warmUp);
        long before = threads.getCurrentThreadAllocatedBytes();
        failures += cycles(sealer, opener, packet, nonce, plaintextLength, warmUp, measured);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        return new Result((double) allocated / measured, failures);
    }

    private static long cycles(PacketSealer sealer, PacketOpener opener, byte[] packet, byte[] nonce,
            int plaintextLength, long firstPacketNumber, int count) {
        long failures = 0;
        int counterAt = nonce.length - Long.BYTES;
        for (long n = firstPacketNumber; n < firstPacketNumber + count; n++) {
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[counterAt + i] = (byte) (n >>> (8 * i));
            }
            int sealed = sealer.seal(nonce, packet, 0, HEADER_BYTES, HEADER_BYTES, plaintextLength);
            if (opener.open(nonce, packet, 0, HEADER_BYTES, HEADER_BYTES, sealed) != plaintextLength) {
                failures++;
            }
        }
        return failures;
    }
}
