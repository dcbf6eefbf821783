package io.uxp.runtime.record;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.kcp.cc.KcpCongestionProvider;
import io.uxp.runtime.KeyUpdatePolicy;
import java.util.Arrays;
import java.util.List;

/** Fixed keys and real plaintexts for the record harnesses and their seeds. */
final class RecordRig {

    static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    /** The built-in ciphers, in a fixed order (a harness picks one by index). */
    static final List<CipherProvider> CIPHERS = List.of(REGISTRY.cipher("chacha20-poly1305"),
            REGISTRY.cipher("xsalsa20-poly1305"));
    static final long CONNECTION_ID = 0x0123_4567_89ab_cdefL;
    static final long NOW = 1_000_000;
    private static final byte[] SECRET = filled(32, 0x5a);

    private RecordRig() {
    }

    static RecordProtector protector(CipherProvider cipher) {
        return new RecordProtector(cipher, SECRET, CONNECTION_ID, KeyUpdatePolicy.defaults(), NOW);
    }

    static RecordUnprotector unprotector(CipherProvider cipher) {
        return new RecordUnprotector(cipher, SECRET, CONNECTION_ID, KeyUpdatePolicy.defaults());
    }

    /**
     * @param protector seals it
     * @param plaintext at least one byte
     * @return the sealed datagram
     */
    static byte[] seal(RecordProtector protector, byte[] plaintext, long now) {
        byte[] buffer = new byte[protector.overheadBytes() + plaintext.length];
        System.arraycopy(plaintext, 0, buffer, protector.payloadOffset(0), plaintext.length);
        int n = protector.seal(buffer, 0, plaintext.length, now);
        if (n < 0) {
            throw new IllegalStateException("the key is exhausted");
        }
        return Arrays.copyOf(buffer, n);
    }

    /** @return a real KCP datagram: the first PUSH of a 100-byte message, conversation 7 */
    static byte[] kcpDatagram() {
        byte[][] out = new byte[1][];
        KcpConfig config = KcpConfig.defaults();
        KcpEngine engine = new KcpEngine(7, config, new KcpCongestionProvider().newController(config.mssBytes()),
                (b, off, len) -> out[0] = Arrays.copyOfRange(b, off, off + len));
        byte[] message = new byte[100];
        Arrays.fill(message, (byte) 'u');
        engine.send(message, 0, message.length);
        engine.update(0);
        return out[0];
    }

    /** @return a DATA frame carrying {@code content} */
    static byte[] data(byte[] content) {
        byte[] b = new byte[Frames.DATA_HEADER_BYTES + content.length];
        System.arraycopy(content, 0, b, Frames.DATA_HEADER_BYTES, content.length);
        Frames.writeDataHeader(b, 0, content.length);
        return b;
    }

    /** @return a plaintext holding one CLOSE frame */
    static byte[] close(int code, String detail) {
        byte[] b = new byte[Frames.CLOSE_HEADER_BYTES + Frames.MAX_CLOSE_DETAIL_BYTES];
        return Arrays.copyOf(b, Frames.writeClose(b, 0, code, detail));
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
