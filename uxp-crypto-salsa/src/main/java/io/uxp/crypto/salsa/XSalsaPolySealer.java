package io.uxp.crypto.salsa;

import io.uxp.api.spi.PacketSealer;

/** Seals one direction's packets; a thin SPI face over {@link XSalsaPolyAead}. */
final class XSalsaPolySealer implements PacketSealer {

    private final XSalsaPolyAead aead;

    XSalsaPolySealer(XSalsaPolyAead aead) {
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
