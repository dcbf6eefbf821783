package io.uxp.fuzz;

/** The harnesses' assertions: plain {@link AssertionError}s, which Jazzer reports as findings. */
public final class Check {

    private Check() {
    }

    /**
     * @param condition what must hold
     * @param message what it means when it does not
     */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /**
     * @param offset a slice's start
     * @param length its length
     * @param bufferLength the length of the buffer it must lie in
     * @param what names the slice
     */
    public static void inBounds(int offset, int length, int bufferLength, String what) {
        that(offset >= 0 && length >= 0 && offset <= bufferLength - length,
                what + " [" + offset + ", +" + length + ") lies outside a buffer of " + bufferLength + " bytes");
    }
}
