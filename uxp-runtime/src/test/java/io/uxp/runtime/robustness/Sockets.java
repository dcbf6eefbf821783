package io.uxp.runtime.robustness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** Loopback sockets for the robustness tests. */
final class Sockets {
    /** Socket buffer asked for (the kernel caps it at net.core.rmem_max / wmem_max). */
    private static final int BUFFER_BYTES = 4 << 20;

    private Sockets() {
    }

    /**
     * Opens a non-blocking socket on {@code host}, port chosen by the kernel. On Linux all of 127.0.0.0/8 is
     * loopback, so any such address can be bound without root: the tests' "other sources" are real sockets.
     *
     * @param host a loopback address, e.g. {@code 127.0.2.7}
     * @return the socket, with enlarged buffers
     */
    static DatagramChannel bind(String host) throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(host, 0));
        c.configureBlocking(false);
        enlargeBuffers(c);
        return c;
    }

    /** @return whether this host lets a socket bind {@code host} (all of 127.0.0.0/8 on Linux; not on macOS) */
    static boolean canBind(String host) {
        try (DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(host, 0))) {
            return c.getLocalAddress() != null;
        } catch (IOException e) {
            return false;
        }
    }

    static void enlargeBuffers(DatagramChannel c) throws IOException {
        c.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
        c.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
    }
}
