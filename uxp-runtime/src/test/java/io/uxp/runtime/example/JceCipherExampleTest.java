package io.uxp.runtime.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.Connection;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The third-party cipher example of docs/SPI.md (examples/cipher-aes-gcm: module {@code com.example.uxp.aesgcm},
 * wire name {@code aes-256-gcm}), a test dependency of the runtime found as a user's plugin is, by
 * {@link ProviderRegistry#load}: the registry lists it, it keeps the SPI's contract, it carries a real connection
 * over loopback UDP, and it allocates per packet where the built-ins do not (the figures docs/SPI.md quotes).
 */
class JceCipherExampleTest {

    /** The example's wire name. */
    private static final String NAME = "aes-256-gcm";
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final int AAD = 17;
    private static final int PLAINTEXT = 1_300;

    private static CipherProvider example() {
        return REGISTRY.cipher(NAME);
    }

    @Test
    void theRegistryFindsTheExampleInItsOwnModuleAndRefusesNothing() {
        assertThat(example().getClass().getModule().getName()).isEqualTo("com.example.uxp.aesgcm");
        assertThat(REGISTRY.refused()).isEmpty();
    }

    @Test
    void itSealsInPlaceAndAFailedOpenLeavesTheBufferAsItWas() {
        CipherProvider p = example();
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        PacketSealer sealer = p.newSealer(key);
        PacketOpener opener = p.newOpener(key);
        Arrays.fill(key, (byte) 0x55); // the caller wipes its array: the provider kept its own copy
        byte[] packet = new byte[AAD + PLAINTEXT + 16];
        Arrays.fill(packet, AAD, AAD + PLAINTEXT, (byte) 7);
        int sealed = sealer.seal(nonce, packet, 0, AAD, AAD, PLAINTEXT);
        assertThat(sealed).isEqualTo(PLAINTEXT + 16);

        byte[] tampered = packet.clone();
        tampered[AAD + 3] ^= 1;
        byte[] before = tampered.clone();
        assertThat(opener.open(nonce, tampered, 0, AAD, AAD, sealed)).isEqualTo(PacketOpener.FAILED);
        assertThat(tampered).isEqualTo(before);
        assertThat(opener.open(nonce, packet, 0, AAD, AAD, 15)).isEqualTo(PacketOpener.FAILED);
        assertThat(opener.open(nonce, packet, 0, AAD, AAD, sealed)).isEqualTo(PLAINTEXT);
        assertThat(packet[AAD]).isEqualTo((byte) 7);

        opener.destroy();
        assertThat(opener.open(nonce, packet, 0, AAD, AAD, sealed)).isEqualTo(PacketOpener.FAILED);
    }

    @Test
    void itCarriesAConnectionOverLoopbackUdp() throws Exception {
        ProviderPreferences prefs = new ProviderPreferences(List.of(NAME), List.of(FecOffer.NONE),
                List.of("kcp"));
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        try (UxpServer server = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .security(ServerSecurity.staticKey(keys)).registry(REGISTRY).preferences(prefs)
                .handler(connection -> (c, data) -> c.send(data)).start();
             UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(keys.publicKey()))
                .registry(REGISTRY).preferences(prefs).build()) {
            BlockingQueue<Integer> echoed = new LinkedBlockingQueue<>();
            Connection c = client.connect(server.localAddress(), (conn, data) -> echoed.add(data.remaining()))
                    .get(10, TimeUnit.SECONDS);
            assertThat(c.suite().cipher()).isEqualTo(NAME);
            int total = 0;
            for (int i = 0; i < 50; i++) {
                c.send(ByteBuffer.allocate(10_000));
            }
            while (total < 50 * 10_000) {
                Integer n = echoed.poll(10, TimeUnit.SECONDS);
                assertThat(n).as("echo within 10 s").isNotNull();
                total += n;
            }
            assertThat(c.stats().drops()).isEmpty();
        }
    }

    @Test
    void unlikeTheBuiltInsItAllocatesOnEveryPacket() {
        long jce = bytesPerCycle(example(), false);
        long jceFailed = bytesPerCycle(example(), true);
        long chacha = bytesPerCycle(REGISTRY.cipher("chacha20-poly1305"), false);
        System.out.printf("bytes allocated per seal+open of %d bytes: %s %d, %s with a failed open %d, "
                + "chacha20-poly1305 %d%n", PLAINTEXT, NAME, jce, NAME,
                jceFailed, chacha);
        assertThat(jce).isGreaterThan(100);
        assertThat(jceFailed).isGreaterThan(jce);
        assertThat(chacha).isZero();
    }

    /** Seals and opens (or fails to open) one datagram many times, returning the thread's allocation per cycle. */
    private static long bytesPerCycle(CipherProvider p, boolean tamper) {
        byte[] key = new byte[p.keyBytes()];
        PacketSealer sealer = p.newSealer(key);
        PacketOpener opener = p.newOpener(key);
        byte[] nonce = new byte[p.nonceBytes()];
        byte[] packet = new byte[AAD + p.prefixBytes() + PLAINTEXT + p.suffixBytes()];
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long start = 0;
        int warmup = 5_000;
        int cycles = 5_000;
        for (int i = 0; i < warmup + cycles; i++) {
            if (i == warmup) {
                start = threads.getCurrentThreadAllocatedBytes();
            }
            nonce[nonce.length - 1] = (byte) i;
            nonce[nonce.length - 2] = (byte) (i >>> 8);
            int n = sealer.seal(nonce, packet, 0, AAD, AAD, PLAINTEXT);
            if (tamper) {
                packet[AAD + p.prefixBytes()] ^= 1;
            }
            opener.open(nonce, packet, 0, AAD, AAD, n);
        }
        return (threads.getCurrentThreadAllocatedBytes() - start) / cycles;
    }
}
