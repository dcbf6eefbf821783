package io.uxp.runtime.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Flyweight accessors of the protected record's cleartext header (docs/PROTOCOL.md section 9):
 * {@code type(1) | destination connection ID(8) | packet number(8)}, big-endian. Static methods over the
 * caller's buffer, so reading and writing a header allocates nothing.
 */
public final class RecordHeader {

    /** Offset of the type byte. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the destination connection ID. */
    public static final int CONNECTION_ID_OFFSET = 1;
    /** Offset of the packet number. */
    public static final int PACKET_NUMBER_OFFSET = 9;
    /** Header length; also the AEAD's associated data. */
    public static final int LENGTH = 17;
    /** Type byte of a protected record with key phase 0; phase 1 sets {@link #KEY_PHASE_BIT}. */
    public static final byte TYPE_PROTECTED = 0x10;
    /** The key phase bit of the type byte. */
    public static final int KEY_PHASE_BIT = 0x01;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private RecordHeader() {
    }

    /**
     * @param type a datagram's first byte
     * @return whether it marks a protected record
     */
    public static boolean isProtected(byte type) {
        return (type & ~KEY_PHASE_BIT) == TYPE_PROTECTED;
    }

    /**
     * @param buffer a datagram
     * @param offset its start
     * @return the key phase, 0 or 1
     */
    public static int keyPhase(byte[] buffer, int offset) {
        return buffer[offset + TYPE_OFFSET] & KEY_PHASE_BIT;
    }

    /**
     * @param buffer a datagram of at least {@link #LENGTH} bytes
     * @param offset its start
     * @return the destination connection ID
     */
    public static long connectionId(byte[] buffer, int offset) {
        return (long) LONG.get(buffer, offset + CONNECTION_ID_OFFSET);
    }

    /**
     * @param buffer a datagram of at least {@link #LENGTH} bytes
     * @param offset its start
     * @return the packet number
     */
    public static long packetNumber(byte[] buffer, int offset) {
        return (long) LONG.get(buffer, offset + PACKET_NUMBER_OFFSET);
    }

    /**
     * Writes a whole header.
     *
     * @param buffer the datagram buffer
     * @param offset the datagram's start
     * @param keyPhase 0 or 1
     * @param connectionId the destination connection ID
     * @param packetNumber the packet number
     */
    public static void write(byte[] buffer, int offset, int keyPhase, long connectionId, long packetNumber) {
        buffer[offset + TYPE_OFFSET] = (byte) (TYPE_PROTECTED | keyPhase);
        LONG.set(buffer, offset + CONNECTION_ID_OFFSET, connectionId);
        LONG.set(buffer, offset + PACKET_NUMBER_OFFSET, packetNumber);
    }

    /**
     * Writes {@code nonceBase XOR packetNumber} (the number big-endian, left-padded with zeros to the nonce
     * length) into {@code nonce}, as TLS 1.3 (RFC 8446 section 5.3) and QUIC do.
     *
     * @param nonceBase the direction's nonce base, at least 8 bytes
     * @param packetNumber the packet number
     * @param nonce the output, as long as {@code nonceBase}
     */
    public static void nonce(byte[] nonceBase, long packetNumber, byte[] nonce) {
        int n = nonceBase.length;
        System.arraycopy(nonceBase, 0, nonce, 0, n - Long.BYTES);
        long tail = (long) LONG.get(nonceBase, n - Long.BYTES);
        LONG.set(nonce, n - Long.BYTES, tail ^ packetNumber);
    }
}
