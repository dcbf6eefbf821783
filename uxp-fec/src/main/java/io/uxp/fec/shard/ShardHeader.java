package io.uxp.fec.shard;

/**
 * The FEC shard header, read and written in place (a flyweight over the datagram buffer; see
 * {@code docs/FEC.md}). All multi-byte fields are little-endian, as in KCP.
 *
 * <pre>
 *  0       4      5       6        8
 *  +-------+------+-------+--------+------------------
 *  | seq   | kind | count | length | payload ...
 *  +-------+------+-------+--------+------------------
 *                         |&lt;-- coded region (parity covers it) --&gt;
 * </pre>
 */
final class ShardHeader {

    /** Offset of the u32 shard sequence number. */
    static final int SEQUENCE = 0;
    /** Offset of the u8 shard kind. */
    static final int KIND = 4;
    /** Offset of the u8 data-shard count of the group, in parity shards; zero in data shards. */
    static final int GROUP_DATA_SHARDS = 5;
    /** Offset of the coded region: the u16 true packet length, then the packet. */
    static final int CODED = 6;
    /** Bytes of the length field at the start of the coded region. */
    static final int LENGTH_BYTES = 2;
    /** Header bytes before the packet of a data shard. */
    static final int OVERHEAD = CODED + LENGTH_BYTES;

    /** Kind of a data shard (the value kcp-go uses for its data shards). */
    static final byte KIND_DATA = (byte) 0xF1;
    /** Kind of a parity shard (the value kcp-go uses for its parity shards). */
    static final byte KIND_PARITY = (byte) 0xF2;

    /** Largest length the u16 length field carries. */
    static final int MAX_PACKET_BYTES = 0xFFFF;

    /** Sequence numbers are u32 on the wire. */
    static final long SEQUENCE_SPACE = 1L << Integer.SIZE;

    private ShardHeader() {
    }

    /**
     * @param totalShards d + p
     * @return the sequence-number modulus: the largest multiple of the group size that fits in a u32, so
     *     that group boundaries stay aligned when the number wraps to zero
     */
    static long sequenceLimit(int totalShards) {
        return SEQUENCE_SPACE / totalShards * totalShards;
    }

    static void writeSequence(byte[] b, int shard, long sequence) {
        writeU16(b, shard + SEQUENCE, (int) sequence);
        writeU16(b, shard + SEQUENCE + 2, (int) (sequence >>> Short.SIZE));
    }

    static long readSequence(byte[] b, int shard) {
        return readU16(b, shard + SEQUENCE) | ((long) readU16(b, shard + SEQUENCE + 2) << Short.SIZE);
    }

    static void writeU16(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> Byte.SIZE);
    }

    static int readU16(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << Byte.SIZE);
    }
}
