package io.uxp.bench.cipher;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import io.uxp.api.spi.ProviderRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Seal and open of whole datagrams through the cipher SPI, as the record layer calls it: a 13-byte
 * cleartext header as associated data, the rest of {@code packetBytes} a sealed body. Throughput in
 * packets per second; multiply by {@code packetBytes} for bytes per second. The providers are looked up
 * by wire name through {@link ProviderRegistry}, so both provider jars must be on the class path.
 *
 * <p>{@code open} restores a sealed copy of the packet before each call (opening decrypts in place), so
 * it includes one {@code packetBytes}-byte array copy; {@code copyOnly} measures that copy alone. The copies
 * cycle through {@value #TEMPLATES} packets sealed under their own nonces, as the record layer's nonces never
 * repeat (an implementation may treat a repeated nonce specially).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CipherBenchmark {

    /** A record-layer-like header: type, 8-byte connection id, 4-byte packet number. */
    private static final int HEADER_BYTES = 13;
    /** Where the packet number goes in the nonce: its last 8 bytes, as a counter would. */
    private static final int COUNTER_BYTES = 8;
    /** Sealed packets {@link #open()} cycles through, each under its own nonce. */
    static final int TEMPLATES = 256;

    /** The cipher's wire name. */
    @Param({"chacha20-poly1305", "xsalsa20-poly1305"})
    public String cipher;

    /** Whole datagram size, header and tag included. */
    @Param({"64", "1400"})
    public int packetBytes;

    private PacketSealer sealer;
    private PacketOpener opener;
    private byte[] sealPacket;
    private byte[] openPacket;
    private byte[][] sealedTemplates;
    private byte[][] openNonces;
    private int nextTemplate;
    private byte[] sealNonce;
    private int plaintextLength;
    private int sealedLength;
    private long packetNumber;

    /** Makes one sealer and one opener under a fixed key, and one sealed packet for {@link #open()}. */
    @Setup(Level.Trial)
    public void setUp() {
        CipherProvider provider = ProviderRegistry.load().cipher(cipher);
        byte[] key = new byte[provider.keyBytes()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        sealer = provider.newSealer(key);
        opener = provider.newOpener(key);
        plaintextLength = packetBytes - HEADER_BYTES - provider.overheadBytes();
        sealPacket = new byte[packetBytes];
        openPacket = new byte[packetBytes];
        sealNonce = new byte[provider.nonceBytes()];
        sealedTemplates = new byte[TEMPLATES][packetBytes];
        openNonces = new byte[TEMPLATES][provider.nonceBytes()];
        PacketSealer templateSealer = provider.newSealer(key);
        for (int t = 0; t < TEMPLATES; t++) {
            openNonces[t][openNonces[t].length - 1] = (byte) t;
            openNonces[t][openNonces[t].length - 2] = (byte) 0x80; // never one of seal()'s counters
            sealedLength = templateSealer.seal(openNonces[t], sealedTemplates[t], 0, HEADER_BYTES, HEADER_BYTES,
                    plaintextLength);
        }
        templateSealer.destroy();
        if (open() != plaintextLength) {
            throw new IllegalStateException(cipher + " did not open its own packet");
        }
    }

    /** Wipes the keys. */
    @TearDown(Level.Trial)
    public void tearDown() {
        sealer.destroy();
        opener.destroy();
    }

    /** @return the sealed length, consumed by JMH */
    @Benchmark
    public int seal() {
        long n = ++packetNumber;
        int base = sealNonce.length - COUNTER_BYTES;
        for (int i = 0; i < COUNTER_BYTES; i++) {
            sealNonce[base + i] = (byte) (n >>> (8 * i));
        }
        return sealer.seal(sealNonce, sealPacket, 0, HEADER_BYTES, HEADER_BYTES, plaintextLength);
    }

    /** @return the plaintext length (never {@link PacketOpener#FAILED}), consumed by JMH */
    @Benchmark
    public int open() {
        int t = nextTemplate;
        nextTemplate = (t + 1) & (TEMPLATES - 1);
        System.arraycopy(sealedTemplates[t], 0, openPacket, 0, packetBytes);
        int opened = opener.open(openNonces[t], openPacket, 0, HEADER_BYTES, HEADER_BYTES, sealedLength);
        if (opened != plaintextLength) {
            // a failed open is far cheaper than a real one: never let it pass for a measurement
            throw new IllegalStateException(cipher + " failed to open its own packet");
        }
        return opened;
    }

    /** @return a byte of the copy, consumed by JMH: the baseline {@link #open()} includes */
    @Benchmark
    public byte copyOnly() {
        int t = nextTemplate;
        nextTemplate = (t + 1) & (TEMPLATES - 1);
        System.arraycopy(sealedTemplates[t], 0, openPacket, 0, packetBytes);
        return openPacket[packetBytes - 1];
    }
}
