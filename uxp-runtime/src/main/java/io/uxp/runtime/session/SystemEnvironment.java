package io.uxp.runtime.session;

import io.uxp.runtime.io.Clock;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;

/** {@link EndpointEnvironment#SYSTEM}: the monotonic clock, worker threads and UDP sockets. */
final class SystemEnvironment implements EndpointEnvironment {

    @Override
    public Clock clock() {
        return Clock.MONOTONIC;
    }

    @Override
    public SecureRandom random() {
        return new SecureRandom();
    }

    @Override
    public Worker worker(String name, int queueCapacity) {
        return Worker.start(name, Clock.MONOTONIC, queueCapacity);
    }

    @Override
    public EndpointSocket[] bindServer(InetSocketAddress address, int sockets) throws IOException {
        return ChannelSocket.wrap(ReusePortGroup.bind(address, sockets));
    }

    @Override
    public EndpointSocket openClient(InetSocketAddress server) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new ChannelSocket(channel);
    }
}
