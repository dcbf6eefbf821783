package io.uxp.runtime.io;

import java.net.InetSocketAddress;

/**
 * Where one sender's datagrams go: a socket, seen from the worker that sends on it ({@link DatagramSender#from}),
 * or a test's in-memory network. Called on the sending worker's thread only.
 */
@FunctionalInterface
public interface DatagramOut {

    /**
     * @param buffer the datagram's buffer
     * @param offset its start
     * @param length its length
     * @param to the destination
     * @return {@code length} if sent, {@link DatagramSender#DROPPED} if the socket buffer was full,
     *     {@link DatagramSender#FAILED} on error
     */
    int send(byte[] buffer, int offset, int length, InetSocketAddress to);
}
