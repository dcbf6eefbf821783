package io.uxp.kcp;

/**
 * Receives the datagrams a {@link KcpEngine} emits, on the engine owner's thread.
 *
 * <p>The buffer is the engine's reusable output buffer, valid only during the call. The datagram lies at
 * {@code [offset, offset + length)}; the callee may also write into {@code [offset - headroomBytes, offset)}
 * and {@code [offset + length, offset + length + tailroomBytes)} (see {@link KcpConfig}) to add headers and
 * tags in place, and may modify the datagram itself.
 */
@FunctionalInterface
public interface KcpOutput {

    /**
     * @param buffer the engine's output buffer
     * @param offset start of the datagram
     * @param length length of the datagram, at most {@link KcpConfig#mtuBytes()}
     */
    void output(byte[] buffer, int offset, int length);
}
