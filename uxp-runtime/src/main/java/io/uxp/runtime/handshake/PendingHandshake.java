package io.uxp.runtime.handshake;

import java.net.InetSocketAddress;

/**
 * What the server keeps between its ServerHello and the client's first record: bounded, about 0.5 KiB plus
 * the cipher's engines. Owned by the {@link ServerHandshake}'s thread.
 */
final class PendingHandshake {
    final long clientId;
    final long serverId;
    /** SHA-256 of the ClientHello datagram, to recognise an identical retransmission. */
    final byte[] helloDigest;
    final byte[] serverHello;
    final InetSocketAddress address;
    final Session session;
    final long expiresMillis;
    /** Bytes received from and sent to the address for this handshake: the 3x amplification bound. */
    long bytesReceived;
    long bytesSent;
    boolean removed;

    PendingHandshake(long clientId, long serverId, byte[] helloDigest, byte[] serverHello,
            InetSocketAddress address, Session session, long expiresMillis, long bytesReceived) {
        this.clientId = clientId;
        this.serverId = serverId;
        this.helloDigest = helloDigest;
        this.serverHello = serverHello;
        this.address = address;
        this.session = session;
        this.expiresMillis = expiresMillis;
        this.bytesReceived = bytesReceived;
    }
}
