package io.uxp.api.spi;

/**
 * Receives packets produced by a pipeline stage. The bytes are valid only during the call.
 *
 * <p>Room contract: when a stage was created with headroom {@code h} and tailroom {@code t}, the sink may
 * write to {@code [offset - h, offset)} and {@code [offset + length, offset + length + t)} of
 * {@code buffer}, so the next stage (a cipher, a header) can work in place.
 */
@FunctionalInterface
public interface PacketSink {

    /**
     * @param buffer the buffer holding the packet
     * @param offset start of the packet
     * @param length length of the packet, in bytes
     */
    void accept(byte[] buffer, int offset, int length);
}
