package io.uxp.runtime.handshake;

/** Handshake constants of docs/PROTOCOL.md, each with the section that defines it. */
final class Wire {

    /** Protocol version carried by every hello (section 3). */
    static final int VERSION = 1;
    /** Datagram type of a ClientHello (section 2). */
    static final byte TYPE_CLIENT_HELLO = 0x01;
    /** Datagram type of a ServerHello. */
    static final byte TYPE_SERVER_HELLO = 0x02;
    /** Datagram type of a Retry (cookie demand). */
    static final byte TYPE_RETRY = 0x03;
    /** Datagram type of a Reject. */
    static final byte TYPE_REJECT = 0x04;

    /** A ClientHello is padded to at least this many bytes, as QUIC's Initial (RFC 9000 section 14.1). */
    static final int MIN_CLIENT_HELLO_BYTES = 1200;
    /** Longest handshake datagram accepted (section 3). */
    static final int MAX_HANDSHAKE_BYTES = 1472;
    /** X25519 public keys, private keys and shared secrets are 32 bytes (RFC 7748 section 5). */
    static final int KEY_BYTES = 32;
    /** Length of the client and server randoms. */
    static final int RANDOM_BYTES = 32;
    /** Length of a cookie (sections 3 and 6). */
    static final int COOKIE_BYTES = 16;
    /** Length of the ServerHello confirmation, an HMAC-SHA256 output. */
    static final int CONFIRMATION_BYTES = 32;
    /** Most entries per offer list (section 3). */
    static final int MAX_OFFERS = 8;
    /** Longest wire name (section 3). */
    static final int MAX_NAME_BYTES = 32;
    /** Longest Reject message, in bytes. */
    static final int MAX_REJECT_MESSAGE_BYTES = 512;
    /** ClientHello flag: the client pins the server's static key (sections 4 and 8.1). */
    static final int FLAG_PINNED_SERVER_KEY = 0x01;
    /** ClientHello flag: the client mixes in a pre-shared key. */
    static final int FLAG_PRE_SHARED_KEY = 0x02;
    /** Bytes of a ClientHello before its cookie (section 4). */
    static final int CLIENT_HELLO_FIXED_BYTES = 77;
    /** The server sends an unvalidated address at most this many times the bytes it received (RFC 9000 8.1). */
    static final int AMPLIFICATION_FACTOR = 3;

    /** Reject reason: the client's version is not spoken here. */
    static final int REJECT_VERSION = 1;
    /** Reject reason: no common cipher, FEC or congestion control. */
    static final int REJECT_NO_COMMON_PROVIDER = 2;
    /** Reject reason: the client's authentication mode does not match the server's. */
    static final int REJECT_AUTHENTICATION = 3;
    /** Reject reason: the server refuses (busy, shutting down). */
    static final int REJECT_REFUSED = 4;

    private Wire() {
    }
}
