package io.uxp.runtime.session;

import io.uxp.runtime.io.Clock;
import io.uxp.runtime.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * What an endpoint runs on: its clock, its randomness, the threads of its workers and its sockets. {@link #SYSTEM}
 * is the real one (the monotonic clock, a {@link SecureRandom}, a {@code WorkerRunner} thread per worker, UDP
 * sockets); a test substitutes a virtual clock, seeded randomness, loops it drives itself and an in-memory
 * network, and runs the same endpoint code deterministically. Internal: reached only through package-private
 * builder methods, never by users.
 */
public interface EndpointEnvironment {

    /** The real environment. */
    EndpointEnvironment SYSTEM = new SystemEnvironment();

    /** @return the endpoint's clock */
    Clock clock();

    /** @return randomness for keys, connection IDs and cookies (one per endpoint) */
    SecureRandom random();

    /**
     * @param name the worker's name
     * @param queueCapacity its inbound queue's capacity
     * @return a worker whose loop runs (on a thread of its own, or when the test drives it)
     */
    Worker worker(String name, int queueCapacity);

    /**
     * @param address where to bind
     * @param sockets sockets wanted on that address (one per worker); fewer are returned where the platform
     *     cannot share a port
     * @return at least one bound socket
     */
    EndpointSocket[] bindServer(InetSocketAddress address, int sockets) throws IOException;

    /**
     * @param server the server a client connection will talk to
     * @return a socket on an ephemeral port
     */
    EndpointSocket openClient(InetSocketAddress server) throws IOException;
}
