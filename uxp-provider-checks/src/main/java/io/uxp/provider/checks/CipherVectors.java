package io.uxp.provider.checks;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Checks a {@link CipherProvider} against published test vectors, sealed and opened in place inside a larger
 * datagram buffer whose other bytes must stay untouched. Only ever publish a cipher whose construction has
 * published vectors, and check it with them (docs/SPI.md).
 */
public final class CipherVectors {

    private CipherVectors() {
    }

    /**
     * For each vector: sealing the plaintext gives the sealed body exactly, opening the sealed body gives the
     * plaintext back, and the sealed body with its last bit flipped does not open.
     *
     * @param provider the cipher
     * @param vectors its construction's published vectors
     * @throws AssertionError naming the vector and what differed
     */
    public static void check(CipherProvider provider, CipherVector... vectors) {
        if (vectors.length == 0) {
            throw new IllegalArgumentException("no vectors given");
        }
        for (CipherVector vector : vectors) {
            seals(provider, vector);
            opens(provider, vector);
            refusesAFlippedLastBit(provider, vector);
        }
    }

    private static void seals(CipherProvider provider, CipherVector vector) {
        int bodyLength = vector.sealedBody().length;
        Packet packet = new Packet(vector.aad(), vector.plaintext(), provider.prefixBytes(), bodyLength,
                provider.prefixBytes());
        int sealed = provider.newSealer(vector.key()).seal(vector.nonce(), packet.bytes, packet.aadOffset,
                packet.aadLength, packet.bodyOffset, vector.plaintext().length);
        if (sealed != bodyLength) {
            throw failure(provider, vector, "seal returned " + sealed + ", the vector's sealed body has "
                    + bodyLength + " bytes");
        }
        byte[] body = packet.range(packet.bodyOffset, sealed);
        if (!Arrays.equals(body, vector.sealedBody())) {
            throw failure(provider, vector, "sealed body " + HexFormat.of().formatHex(body) + ", expected "
                    + HexFormat.of().formatHex(vector.sealedBody()));
        }
        String touched = packet.untouchedOutsideBody(sealed);
        if (touched != null) {
            throw failure(provider, vector, "seal wrote outside the sealed body: " + touched);
        }
    }

    private static void opens(CipherProvider provider, CipherVector vector) {
        int bodyLength = vector.sealedBody().length;
        Packet packet = new Packet(vector.aad(), vector.sealedBody(), 0, bodyLength, provider.prefixBytes());
        int opened = provider.newOpener(vector.key()).open(vector.nonce(), packet.bytes, packet.aadOffset,
                packet.aadLength, packet.bodyOffset, bodyLength);
        if (opened != vector.plaintext().length) {
            throw failure(provider, vector, "open returned " + opened + ", expected the plaintext length "
                    + vector.plaintext().length);
        }
        if (!Arrays.equals(packet.range(packet.plaintextOffset, opened), vector.plaintext())) {
            throw failure(provider, vector, "open gave another plaintext than the vector's");
        }
        String touched = packet.untouchedOutsideBody(bodyLength);
        if (touched != null) {
            throw failure(provider, vector, "open wrote outside the sealed body: " + touched);
        }
    }

    private static void refusesAFlippedLastBit(CipherProvider provider, CipherVector vector) {
        byte[] body = vector.sealedBody().clone();
        body[body.length - 1] ^= (byte) 0x80;
        Packet packet = new Packet(vector.aad(), body, 0, body.length, provider.prefixBytes());
        int opened = provider.newOpener(vector.key()).open(vector.nonce(), packet.bytes, packet.aadOffset,
                packet.aadLength, packet.bodyOffset, body.length);
        if (opened != PacketOpener.FAILED) {
            throw failure(provider, vector, "the sealed body with its last bit flipped opened (returned "
                    + opened + ")");
        }
    }

    private static AssertionError failure(CipherProvider provider, CipherVector vector, String what) {
        return new AssertionError("cipher '" + provider.name() + "', vector " + vector.source() + ": " + what);
    }
}
