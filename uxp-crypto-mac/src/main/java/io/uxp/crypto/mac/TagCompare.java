package io.uxp.crypto.mac;

/** Tag comparison whose running time does not depend on where, or whether, the tags differ. */
public final class TagCompare {

    private TagCompare() {
    }

    /**
     * @param expected the computed tag; its whole length is compared
     * @param received the buffer holding the received tag
     * @param offset where the received tag starts
     * @return whether all bytes are equal
     */
    public static boolean equal(byte[] expected, byte[] received, int offset) {
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            difference |= expected[i] ^ received[offset + i];
        }
        return difference == 0;
    }
}
