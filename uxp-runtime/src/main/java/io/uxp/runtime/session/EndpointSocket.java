package io.uxp.runtime.session;

import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A UDP socket as an endpoint uses it: who reads it, how a worker sends from it, its address, its close. A real
 * one wraps a {@link java.nio.channels.DatagramChannel} ({@link ChannelSocket}); a test's lives on an in-memory
 * network (see {@link EndpointEnvironment}).
 */
public interface EndpointSocket {

    /** @return the address it is bound to */
    InetSocketAddress localAddress() throws IOException;

    /**
     * Reads this socket on {@code worker} from now on, handing each datagram to {@code to}. Thread-safe.
     *
     * @param worker the reader
     * @param to where its datagrams go
     * @param pool where slots come from
     * @param via stamped on each slot as {@link io.uxp.runtime.io.DatagramSlot#via}
     */
    void readOn(Worker worker, Inbound to, SlotPool pool, int via) throws IOException;

    /**
     * Reads this socket on a receive thread instead (a server with one socket and several workers).
     *
     * @param loop the receive thread
     * @param to where its datagrams go
     */
    void readOn(ReceiveLoop loop, Inbound to) throws IOException;

    /** @param worker the worker given to {@link #readOn(Worker, Inbound, SlotPool, int)}, which stops reading */
    void stopReading(Worker worker);

    /**
     * @param buffer the sending worker's own buffer
     * @return how that worker sends from this socket
     */
    DatagramOut sender(DatagramSender buffer);

    /** Closes the socket; idempotent. */
    void close();
}
