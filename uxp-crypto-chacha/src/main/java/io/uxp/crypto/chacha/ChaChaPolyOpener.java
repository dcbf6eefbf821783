package io.uxp.crypto.chacha;

import io.uxp.api.spi.PacketOpener;

/** Opens one direction's packets; a thin SPI face over {@link ChaChaPolyAead}. */
final class ChaChaPolyOpener implements PacketOpener {

    private final ChaChaPolyAead aead;

    ChaChaPolyOpener(ChaChaPolyAead aead) {
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
