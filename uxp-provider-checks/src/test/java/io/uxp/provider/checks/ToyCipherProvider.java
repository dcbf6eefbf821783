package io.uxp.provider.checks;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import java.util.Arrays;

/**
 * A test fixture with the shape of an AEAD and none of its security: an xorshift keystream and a 16-byte FNV-1a
 * tag, appended. It keeps the SPI's contract unless told to break one rule ({@link Flaw}), so the checks can be
 * shown to pass a conforming provider and to catch each flaw. Never a cipher.
 */
final class ToyCipherProvider implements CipherProvider {

    /** The one rule the fixture breaks, if any. */
    enum Flaw { NONE, DECRYPTS_BEFORE_VERIFYING, IGNORES_AAD, ALLOCATES_PER_PACKET, THROWS_ON_SHORT_BODY }

    static final int KEY_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long FNV_BASIS = 0xcbf29ce484222325L;

    private final Flaw flaw;

    ToyCipherProvider(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String name() {
        return "toy-" + flaw.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public int keyBytes() {
        return KEY_BYTES;
    }

    @Override
    public int nonceBytes() {
        return NONCE_BYTES;
    }

    @Override
    public int prefixBytes() {
        return 0;
    }

    @Override
    public int suffixBytes() {
        return TAG_BYTES;
    }

    @Override
    public PacketSealer newSealer(byte[] key) {
        return new Toy(checkedKey(key), flaw);
    }

    @Override
    public PacketOpener newOpener(byte[] key) {
        return new Toy(checkedKey(key), flaw);
    }

    private static byte[] checkedKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("toy cipher takes a " + KEY_BYTES + "-byte key, got " + key.length);
        }
        return key.clone();
    }

    /** Sealer and opener in one. */
    private static final class Toy implements PacketSealer, PacketOpener {
        private final byte[] key;
        private final Flaw flaw;
        private boolean destroyed;

        Toy(byte[] key, Flaw flaw) {
            this.key = key;
            this.flaw = flaw;
        }

        @Override
        public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int length) {
            if (destroyed) {
                throw new IllegalStateException("sealer destroyed");
            }
            if (nonce.length != NONCE_BYTES) {
                throw new IllegalArgumentException("toy cipher takes a " + NONCE_BYTES + "-byte nonce");
            }
            if (flaw == Flaw.ALLOCATES_PER_PACKET) {
                packet = Arrays.copyOf(packet, packet.length);
            }
            java.util.Objects.checkFromIndexSize(bodyOffset, length + TAG_BYTES, packet.length);
            xor(nonce, packet, bodyOffset, length);
            for (int i = 0; i < TAG_BYTES; i++) {
                packet[bodyOffset + length + i] = tagByte(i, nonce, packet, aadOffset, aadLength, bodyOffset, length);
            }
            return length + TAG_BYTES;
        }

        @Override
        public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int bodyLength) {
            if (bodyLength < TAG_BYTES) {
                if (flaw == Flaw.THROWS_ON_SHORT_BODY) {
                    throw new IllegalArgumentException("body shorter than the tag");
                }
                return FAILED;
            }
            if (destroyed || nonce == null || nonce.length != NONCE_BYTES || aadOffset < 0 || aadLength < 0
                    || aadOffset + aadLength > packet.length || bodyOffset < 0
                    || bodyOffset + bodyLength > packet.length) {
                return FAILED;
            }
            int length = bodyLength - TAG_BYTES;
            if (flaw == Flaw.DECRYPTS_BEFORE_VERIFYING) {
                xor(nonce, packet, bodyOffset, length);
                xor(nonce, packet, bodyOffset, length);
            }
            int difference = 0;
            for (int i = 0; i < TAG_BYTES; i++) {
                difference |= packet[bodyOffset + length + i]
                        ^ tagByte(i, nonce, packet, aadOffset, aadLength, bodyOffset, length);
            }
            if (flaw == Flaw.DECRYPTS_BEFORE_VERIFYING && difference != 0) {
                packet[bodyOffset] ^= 1;   // the half-decrypted garbage such a cipher leaves behind
            }
            if (difference != 0) {
                return FAILED;
            }
            xor(nonce, packet, bodyOffset, length);
            return length;
        }

        @Override
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            destroyed = true;
        }

        private void xor(byte[] nonce, byte[] packet, int offset, int length) {
            long state = fnv(FNV_BASIS, key, 0, key.length);
            state = fnv(state, nonce, 0, nonce.length) | 1;
            for (int i = 0; i < length; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                packet[offset + i] ^= (byte) state;
            }
        }

        /** Byte {@code i} of the tag: two FNV-1a hashes (slow: one hash per byte, fine for a fixture). */
        private byte tagByte(int i, byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset,
                int length) {
            long h = fnv(FNV_BASIS + i / 8, key, 0, key.length);
            h = fnv(h, nonce, 0, nonce.length);
            if (flaw != Flaw.IGNORES_AAD) {
                h = fnv(h, packet, aadOffset, aadLength);
            }
            h = fnv(h, packet, bodyOffset, length) ^ ((long) length << 32 | aadLength);
            return (byte) (h >>> (8 * (i % 8)));
        }

        private static long fnv(long h, byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                h = (h ^ (bytes[i] & 0xFF)) * FNV_PRIME;
            }
            return h;
        }
    }
}
