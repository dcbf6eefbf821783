package io.uxp.runtime.session;

import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An {@link EndpointSocket} over a real non-blocking {@link DatagramChannel}. */
final class ChannelSocket implements EndpointSocket {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSocket.class);

    private final DatagramChannel channel;

    ChannelSocket(DatagramChannel channel) {
        this.channel = channel;
    }

    static EndpointSocket[] wrap(DatagramChannel[] channels) {
        EndpointSocket[] sockets = new EndpointSocket[channels.length];
        for (int i = 0; i < channels.length; i++) {
            sockets[i] = new ChannelSocket(channels[i]);
        }
        return sockets;
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void readOn(Worker worker, Inbound to, SlotPool pool, int via) throws IOException {
        worker.register(channel, to, pool, via);
    }

    @Override
    public void readOn(ReceiveLoop loop, Inbound to) throws IOException {
        loop.register(channel, to);
    }

    @Override
    public void stopReading(Worker worker) {
        worker.unregister(channel);
    }

    @Override
    public DatagramOut sender(DatagramSender buffer) {
        return buffer.from(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a socket: {}", e.toString());
        }
    }
}
