package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketSealer;

/** Seals one direction's packets; a thin SPI face over {@link Aead}. */
final class ChaChaPolySealer implements PacketSealer {

    private final Aead aead;

    ChaChaPolySealer(Aead aead) {
        this.aead = aead;
    }

    @Override
    public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset,
            int plaintextLength) {
        return aead.seal(nonce, packet, aadOffset, aadLength, bodyOffset, plaintextLength);
    }

    @Override
    public void destroy() {
        aead.destroy();
    }
}
