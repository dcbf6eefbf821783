package io.uxp.runtime.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a server's UDP sockets: {@code n} sockets on one address and port with {@code SO_REUSEPORT}, so that each
 * worker reads its own and the kernel spreads clients over them by their address (on Linux, a hash of the
 * 4-tuple: one client's datagrams keep arriving on one socket). Where the option is missing or refused, or
 * {@code n} is 1, one plain socket.
 *
 * <p>A port in use still fails the bind: a plain socket is bound first, which fails if anyone holds the port, and
 * closed just before the group binds, so a second server started on a busy port does not silently join the first
 * one's group. (Linux lets only sockets of the same user join a group; one that starts in that instant between
 * probe and group still could.)
 */
final class ReusePortGroup {

    private static final Logger LOG = LoggerFactory.getLogger(ReusePortGroup.class);

    private ReusePortGroup() {
    }

    /**
     * @param address where to bind (port 0: the first socket's ephemeral port for all)
     * @param n sockets wanted
     * @return {@code n} sockets bound to one address, or one socket
     * @throws IOException if not even one socket can be bound
     */
    static DatagramChannel[] bind(InetSocketAddress address, int n) throws IOException {
        if (n > 1) {
            InetSocketAddress bound;
            try (DatagramChannel probe = open(false)) {
                probe.bind(address); // fails as a plain bind would when the port is taken
                bound = (InetSocketAddress) probe.getLocalAddress();
            }
            DatagramChannel[] group = new DatagramChannel[n];
            try {
                for (int i = 0; i < n; i++) {
                    group[i] = open(true);
                    group[i].bind(bound);
                }
                return group;
            } catch (IOException | UnsupportedOperationException e) {
                closeAll(group);
                LOG.debug("cannot bind {} SO_REUSEPORT sockets on {} ({}); one socket and a receive thread", n,
                        address, e.toString());
            }
        }
        DatagramChannel single = open(false);
        try {
            single.bind(address);
        } catch (IOException | RuntimeException e) {
            single.close();
            throw e;
        }
        return new DatagramChannel[] {single};
    }

    private static DatagramChannel open(boolean reusePort) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        if (reusePort) {
            if (!c.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                c.close();
                throw new UnsupportedOperationException("SO_REUSEPORT is not supported here");
            }
            c.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        return c;
    }

    private static void closeAll(DatagramChannel[] channels) {
        for (DatagramChannel c : channels) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException e) {
                    LOG.debug("closing a socket: {}", e.toString());
                }
            }
        }
    }
}
