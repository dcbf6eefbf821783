package io.uxp.crypto.salsa;

import io.uxp.api.spi.PacketOpener;

/** Opens one direction's packets; a thin SPI face over {@link XSalsaPolyAead}. */
final class XSalsaPolyOpener implements PacketOpener {

    private final XSalsaPolyAead aead;

    XSalsaPolyOpener(XSalsaPolyAead aead) {
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
