package io.uxp.runtime.embedded;

import io.uxp.runtime.io.Clock;
import io.uxp.runtime.session.EndpointEnvironment;
import io.uxp.runtime.session.EndpointSocket;
import io.uxp.runtime.worker.Worker;
import io.uxp.testkit.DatagramNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's {@link EndpointEnvironment}: the virtual clock, seeded randomness (SHA1PRNG seeded before first
 * use repeats its output), loops that no thread runs (the harness drives them), and sockets on the in-memory
 * network. Client sockets get addresses 198.51.100.x (TEST-NET-2), one port after another, in the order made.
 */
final class EmbeddedEnvironment implements EndpointEnvironment {

    private final VirtualClock clock;
    private final DatagramNetwork network;
    private final long seed;
    private final List<Worker> workers = new ArrayList<>();
    private int randoms;
    private int clientSockets;

    EmbeddedEnvironment(VirtualClock clock, DatagramNetwork network, long seed) {
        this.clock = clock;
        this.network = network;
        this.seed = seed;
    }

    List<Worker> workers() {
        return workers;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public SecureRandom random() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed * 31 + randoms++);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Worker worker(String name, int queueCapacity) {
        Worker w = new Worker(name, clock, queueCapacity);
        workers.add(w);
        return w;
    }

    @Override
    public EndpointSocket[] bindServer(InetSocketAddress address, int sockets) {
        return new EmbeddedSocket.Group(address, sockets, network, clock).sockets();
    }

    @Override
    public EndpointSocket openClient(InetSocketAddress server) {
        int n = clientSockets++;
        InetSocketAddress address = address(198, 51, 100, 1 + (n / 50_000) % 250, 10_000 + n % 50_000);
        return new EmbeddedSocket.Group(address, 1, network, clock).sockets()[0];
    }

    static InetSocketAddress address(int a, int b, int c, int d, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c,
                    (byte) d}), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
