package io.uxp.runtime.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Sends datagrams from one worker thread on non-blocking channels. The bytes are copied once into a direct
 * buffer owned by the worker (the copy the JDK would make for a heap buffer anyway); nothing is allocated.
 * A full socket send buffer drops the datagram rather than stall the worker: KCP retransmits what matters.
 * One owner thread.
 */
public final class DatagramSender {

    /** Returned by {@link #send} when the socket buffer was full and the datagram was dropped. */
    public static final int DROPPED = 0;
    /** Returned by {@link #send} when the channel failed. */
    public static final int FAILED = -1;

    private final ByteBuffer out;
    private long dropped;

    /** @param maxDatagramBytes the largest datagram this sender sends */
    public DatagramSender(int maxDatagramBytes) {
        this.out = ByteBuffer.allocateDirect(maxDatagramBytes);
    }

    /**
     * @param channel a non-blocking channel
     * @param buffer the datagram's buffer
     * @param offset its start
     * @param length its length
     * @param to the destination
     * @return {@code length} if sent, {@link #DROPPED} if the socket buffer was full, {@link #FAILED} on error
     */
    public int send(DatagramChannel channel, byte[] buffer, int offset, int length, InetSocketAddress to) {
        out.clear();
        out.put(buffer, offset, length);
        out.flip();
        try {
            if (channel.send(out, to) == 0) {
                dropped++;
                return DROPPED;
            }
            return length;
        } catch (IOException | RuntimeException e) {
            return FAILED;
        }
    }

    /**
     * @param channel a non-blocking channel this sender's worker sends on
     * @return {@link #send} on {@code channel}, as a {@link DatagramOut}
     */
    public DatagramOut from(DatagramChannel channel) {
        return (buffer, offset, length, to) -> send(channel, buffer, offset, length, to);
    }

    /** @return datagrams dropped because a socket buffer was full */
    public long dropped() {
        return dropped;
    }
}
