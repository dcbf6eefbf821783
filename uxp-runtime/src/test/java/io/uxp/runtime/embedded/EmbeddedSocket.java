package io.uxp.runtime.embedded;

import io.uxp.runtime.io.DatagramOut;
import io.uxp.runtime.io.DatagramSender;
import io.uxp.runtime.io.DatagramSlot;
import io.uxp.runtime.io.Inbound;
import io.uxp.runtime.io.ReceiveLoop;
import io.uxp.runtime.io.SlotPool;
import io.uxp.runtime.session.EndpointSocket;
import io.uxp.runtime.worker.Worker;
import io.uxp.testkit.DatagramNetwork;
import java.net.InetSocketAddress;

/**
 * A socket on the harness's {@link DatagramNetwork}. What arrives is copied into a pooled slot and handed to the
 * socket's {@link Inbound} with the reading worker bound, as when a worker reads its own socket: processed at once
 * if the connection is the reader's, else queued to its owner's inbound ring. A send goes onto the network at the
 * virtual now. Several sockets may share an address (a server's
 * {@code SO_REUSEPORT} group): the {@link Group} then picks one by the sender's address.
 */
final class EmbeddedSocket implements EndpointSocket, DatagramOut {

    private final InetSocketAddress address;
    private final DatagramNetwork network;
    private final VirtualClock clock;
    private final Group group;
    private Worker reader;
    private Inbound inbound;
    private SlotPool pool;
    private int via;
    private boolean closed;

    EmbeddedSocket(InetSocketAddress address, DatagramNetwork network, VirtualClock clock, Group group) {
        this.address = address;
        this.network = network;
        this.clock = clock;
        this.group = group;
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public void readOn(Worker worker, Inbound to, SlotPool slots, int index) {
        this.reader = worker;
        this.inbound = to;
        this.pool = slots;
        this.via = index;
    }

    @Override
    public void readOn(ReceiveLoop loop, Inbound to) {
        throw new UnsupportedOperationException("an embedded server has one socket per worker");
    }

    @Override
    public void stopReading(Worker worker) {
        inbound = null;
    }

    @Override
    public DatagramOut sender(DatagramSender buffer) {
        return this;
    }

    @Override
    public int send(byte[] buffer, int offset, int length, InetSocketAddress to) {
        if (closed) {
            return DatagramSender.FAILED;
        }
        network.send(address, to, buffer, offset, length, clock.nowMicros());
        return length;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            group.closed(this);
        }
    }

    void receive(InetSocketAddress from, byte[] buf, int off, int len) {
        Inbound to = inbound;
        if (to == null || closed) {
            return;
        }
        DatagramSlot slot = pool.take();
        if (slot == null) {
            to.onNoSlot();
            return;
        }
        int n = Math.min(len, slot.data.length);
        System.arraycopy(buf, off, slot.data, 0, n);
        slot.length = n;
        slot.source = from;
        slot.via = via;
        reader.bind(Thread.currentThread());
        try {
            to.onReceived(slot);
        } finally {
            reader.bind(null);
        }
    }

    /** The sockets on one address: the host the network sees, spreading senders over them by address. */
    static final class Group implements DatagramNetwork.Host {
        private final EmbeddedSocket[] sockets;
        private final DatagramNetwork network;
        private final InetSocketAddress address;
        private int open;

        Group(InetSocketAddress address, int n, DatagramNetwork network, VirtualClock clock) {
            this.address = address;
            this.network = network;
            this.sockets = new EmbeddedSocket[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new EmbeddedSocket(address, network, clock, this);
            }
            this.open = n;
            network.attach(address, this);
        }

        EmbeddedSocket[] sockets() {
            return sockets.clone();
        }

        @Override
        public void receive(InetSocketAddress from, byte[] buf, int off, int len) {
            // as SO_REUSEPORT: one sender's datagrams keep going to one socket
            sockets[Math.floorMod(from.hashCode() * 0x9E3779B9, sockets.length)].receive(from, buf, off, len);
        }

        void closed(EmbeddedSocket s) {
            if (--open == 0) {
                network.detach(address);
            }
        }
    }
}
