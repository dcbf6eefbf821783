package io.uxp.runtime.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.ProviderPreferences;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The record layer's steady state allocates nothing per packet with the built-in ciphers (STYLE.md, "The hot path
 * allocates nothing"). Third-party ciphers on the test path (the aes-256-gcm example, on {@code javax.crypto})
 * need not: their cost is their own (docs/SPI.md section 4).
 */
class RecordAllocationTest {

    private static final int PACKETS = 20_000;

    static Stream<CipherProvider> ciphers() {
        List<String> builtIn = ProviderPreferences.defaults().ciphers();
        return ProviderRegistry.load().ciphers().stream().filter(c -> builtIn.contains(c.name()));
    }

    @ParameterizedTest
    @MethodSource("ciphers")
    void sealingAndOpeningAllocateNothingPerPacket(CipherProvider c) {
        byte[] secret = new byte[32];
        RecordProtector s = new RecordProtector(c, secret, 1, KeyUpdatePolicy.defaults(), 0);
        RecordUnprotector r = new RecordUnprotector(c, secret, 1, KeyUpdatePolicy.defaults());
        byte[] buf = new byte[1500];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        run(s, r, buf, PACKETS);

        long before = threads.getThreadAllocatedBytes(thread);
        run(s, r, buf, PACKETS);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated for %d packets", PACKETS).isLessThan(PACKETS / 10);
    }

    private static void run(RecordProtector s, RecordUnprotector r, byte[] buf, int packets) {
        for (int i = 0; i < packets; i++) {
            int len = s.seal(buf, 0, 256, 0);
            if (r.open(buf, 0, len, 0) != 256) {
                throw new AssertionError("packet " + i + " did not open");
            }
        }
    }
}
