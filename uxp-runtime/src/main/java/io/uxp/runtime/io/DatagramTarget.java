package io.uxp.runtime.io;

/** Processes datagrams on a worker thread: a connection, or the server's handshake acceptor. */
public interface DatagramTarget {

    /**
     * @param slot the datagram; the callee releases it (or hands it on) when done
     * @param nowMillis the current time
     */
    void onDatagram(DatagramSlot slot, long nowMillis);
}
