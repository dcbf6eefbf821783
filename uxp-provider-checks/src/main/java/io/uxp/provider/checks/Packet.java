package io.uxp.provider.checks;

import java.util.Arrays;

/**
 * A datagram buffer laid out as the record layer lays it out, with guard bytes around it:
 * {@code [guard][aad][prefix room][plaintext][suffix room][guard]}. Remembers the bytes a cipher may not touch.
 */
final class Packet {

    /** Bytes before the associated data and after the sealed body, which neither seal nor open may touch. */
    static final int GUARD_BYTES = 7;
    private static final byte GUARD_BYTE = (byte) 0xA5;

    final byte[] bytes;
    final int aadOffset;
    final int aadLength;
    final int bodyOffset;
    final int plaintextOffset;
    private final byte[] aad;

    /**
     * @param aad the associated data
     * @param body what lies at the body's place: a plaintext (after {@code prefixBytes} of room) or a sealed body
     * @param bodyAt where {@code body} starts, counted from the body's start
     * @param bodyRoom the body's full length: prefix, plaintext and suffix
     */
    Packet(byte[] aad, byte[] body, int bodyAt, int bodyRoom, int prefixBytes) {
        this.aad = aad.clone();
        aadOffset = GUARD_BYTES;
        aadLength = aad.length;
        bodyOffset = aadOffset + aadLength;
        plaintextOffset = bodyOffset + prefixBytes;
        bytes = new byte[bodyOffset + bodyRoom + GUARD_BYTES];
        Arrays.fill(bytes, GUARD_BYTE);
        System.arraycopy(aad, 0, bytes, aadOffset, aadLength);
        System.arraycopy(body, 0, bytes, bodyOffset + bodyAt, body.length);
    }

    /** @return the bytes at {@code [from, from + length)} */
    byte[] range(int from, int length) {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    /**
     * @param bodyLength the sealed body's length
     * @return null if the guards and the associated data are intact, else which byte changed
     */
    String untouchedOutsideBody(int bodyLength) {
        for (int i = 0; i < GUARD_BYTES; i++) {
            if (bytes[i] != GUARD_BYTE) {
                return "byte " + i + " before the associated data changed";
            }
        }
        for (int i = bodyOffset + bodyLength; i < bytes.length; i++) {
            if (bytes[i] != GUARD_BYTE) {
                return "byte " + (i - bodyOffset - bodyLength) + " after the sealed body changed";
            }
        }
        if (!Arrays.equals(range(aadOffset, aadLength), aad)) {
            return "the associated data changed";
        }
        return null;
    }
}
