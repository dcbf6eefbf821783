package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketOpener;

/** Opens one direction's packets; a thin SPI face over {@link Aead}. */
final class ChaChaPolyOpener implements PacketOpener {

    private final Aead aead;

    ChaChaPolyOpener(Aead aead) {
        this.aead = aead;
    }

    @Override
    public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
        return aead.open(nonce, packet, aadOffset, aadLength, bodyOffset, bodyLength);
    }

    @Override
    public void destroy() {
        aead.destroy();
    }
}
