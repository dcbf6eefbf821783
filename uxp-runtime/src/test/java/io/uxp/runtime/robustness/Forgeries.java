package io.uxp.runtime.robustness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Datagrams an attacker can make without keys, written from docs/PROTOCOL.md (not from the runtime's encoders,
 * so a bug shared by encoder and parser cannot hide): ClientHellos that parse (section 4) with random keys and
 * connection IDs, hello-sized noise, and protected-record headers (section 9) over random bodies.
 */
final class Forgeries {
    /** Section 2: the first byte of a ClientHello and of a key-phase-0 record. */
    static final byte CLIENT_HELLO = 0x01;
    static final byte RECORD = 0x10;
    /** Section 3: the protocol version. */
    static final int VERSION = 1;
    /** Section 3: a ClientHello is at least this long (padded), and a handshake datagram at most. */
    static final int MIN_HELLO_BYTES = 1_200;
    static final int MAX_HANDSHAKE_BYTES = 1_472;
    /** Section 9: type, destination connection ID, packet number. */
    static final int RECORD_HEADER_BYTES = 17;
    /** Section 4, authentication flags: the client pins the server's static key. */
    private static final int FLAG_PINNED = 0x01;
    private static final byte[] CIPHER = "chacha20-poly1305".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FEC_NONE = "none".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CC = "kcp".getBytes(StandardCharsets.US_ASCII);

    private Forgeries() {
    }

    /**
     * Writes a ClientHello that parses strictly and offers what the server allows, with a random connection
     * ID, ephemeral key and random: before pressure the server runs X25519 for it and keeps a pending handshake.
     *
     * @param out at least {@link #MIN_HELLO_BYTES} long
     * @return its length, {@link #MIN_HELLO_BYTES}
     */
    static int realLookingHello(byte[] out, SplittableRandom random) {
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put(CLIENT_HELLO).putShort((short) VERSION).putLong(random.nextLong());
        for (int i = 0; i < 64 / Long.BYTES; i++) {
            b.putLong(random.nextLong());                    // ephemeral key (32) and client random (32)
        }
        b.put((byte) FLAG_PINNED).put((byte) 0);              // flags, no cookie
        b.put((byte) 1).put((byte) CIPHER.length).put(CIPHER);
        b.put((byte) 1).put((byte) FEC_NONE.length).put(FEC_NONE).put((byte) 0).put((byte) 0);
        b.put((byte) 1).put((byte) CC.length).put(CC);
        int padding = MIN_HELLO_BYTES - b.position() - Short.BYTES;
        b.putShort((short) padding);
        for (int i = 0; i < padding; i++) {
            b.put((byte) 0);
        }
        return b.position();
    }

    /**
     * Writes hello-sized noise that starts as a version-1 ClientHello: it passes the length and version checks
     * and must fail the strict parse.
     *
     * @param noise random bytes to copy from, at least {@link #MAX_HANDSHAKE_BYTES} long
     * @return its length, 1,200 to 1,472
     */
    static int randomHello(byte[] out, byte[] noise, SplittableRandom random) {
        int n = MIN_HELLO_BYTES + random.nextInt(MAX_HANDSHAKE_BYTES - MIN_HELLO_BYTES + 1);
        System.arraycopy(noise, random.nextInt(noise.length - n + 1), out, 0, n);
        out[0] = CLIENT_HELLO;
        out[1] = 0;
        out[2] = VERSION;
        return n;
    }

    /**
     * Writes a record header for {@code connectionId} with a random packet number (one in 16 with the top bit
     * set, which is never valid) over a random body.
     *
     * @return its length, 18 to 1,400
     */
    static int record(byte[] out, long connectionId, byte[] noise, SplittableRandom random) {
        int n = RECORD_HEADER_BYTES + 1 + random.nextInt(1_400 - RECORD_HEADER_BYTES);
        System.arraycopy(noise, random.nextInt(noise.length - n + 1), out, 0, n);
        long packetNumber = random.nextLong() >>> 1;
        if (random.nextInt(16) == 0) {
            packetNumber |= Long.MIN_VALUE;
        }
        ByteBuffer.wrap(out).put((byte) (RECORD | random.nextInt(2))).putLong(connectionId).putLong(packetNumber);
        return n;
    }

    /** @return whether {@code first} starts a protected record (either key phase) */
    static boolean isRecord(byte first) {
        return (first & 0xFE) == RECORD;
    }
}
