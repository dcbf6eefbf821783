package io.uxp.testkit;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * An in-memory datagram network in virtual time: hosts attached at socket addresses, and between each pair of
 * addresses that talk a {@link LinkSimulator} of its own (side A: the address that sent first), made by a factory
 * from a seed derived from the network's, so that a run with the same seed and the same calls repeats exactly.
 * A NAT in front of a host can be {@linkplain #rebind rebound}: the host's datagrams then come from a new public
 * address, datagrams to the new one reach it, and datagrams to the old one are lost, as after a NAT's mapping
 * expired. A {@linkplain #tap tap} sees every datagram sent, as an on-path observer (an attacker who copies
 * records) would. Test support: copies and allocates freely. Not thread-safe; one owner.
 */
public final class DatagramNetwork {

    /** A socket attached to the network. */
    @FunctionalInterface
    public interface Host {
        /**
         * @param from the sender's (public) address
         * @param buf a buffer holding the datagram; the host may keep it
         * @param off its start
         * @param len its length
         */
        void receive(InetSocketAddress from, byte[] buf, int off, int len);
    }

    /** What an on-path observer sees: each datagram as it is sent, before its link delays or loses it. */
    @FunctionalInterface
    public interface Tap {
        /**
         * @param from the sender's public address
         * @param to the destination's public address
         * @param buf a buffer holding the datagram; valid during the call only
         * @param off its start
         * @param len its length
         * @param nowMicros the virtual time
         */
        void sent(InetSocketAddress from, InetSocketAddress to, byte[] buf, int off, int len, long nowMicros);
    }

    /** The link between two addresses, with the address at each side. */
    private record Path(InetSocketAddress a, InetSocketAddress b, LinkSimulator link) {
    }

    private final long seed;
    private final LongFunction<LinkSimulator> links;
    private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
    /** A host's own address to the public address its NAT gives it, for rebound hosts only. */
    private final Map<InetSocketAddress, InetSocketAddress> publicOf = new HashMap<>();
    private final Map<InetSocketAddress, InetSocketAddress> privateOf = new HashMap<>();
    private final Map<Set<InetSocketAddress>, Path> paths = new LinkedHashMap<>();
    private final Set<InetSocketAddress> isolated = new java.util.HashSet<>();
    private final Map<InetSocketAddress, Long> lastArrivalMicros = new HashMap<>();
    private long undeliverable;
    private Tap tap;

    /**
     * @param seed the network's seed
     * @param links makes the link of each new pair of addresses from a seed derived from {@code seed}
     */
    public DatagramNetwork(long seed, LongFunction<LinkSimulator> links) {
        this.seed = seed;
        this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * @param address where the host listens (its own address)
     * @param host what receives its datagrams
     * @throws IllegalStateException if the address is taken
     */
    public void attach(InetSocketAddress address, Host host) {
        if (hosts.putIfAbsent(address, host) != null) {
            throw new IllegalStateException("address in use: " + address);
        }
    }

    /** @param address a host's address; its datagrams in flight are then lost */
    public void detach(InetSocketAddress address) {
        hosts.remove(address);
    }

    /** @return whether a host listens at {@code address} */
    public boolean attached(InetSocketAddress address) {
        return hosts.containsKey(address);
    }

    /**
     * Sends a datagram.
     *
     * @param from the sending host's own address (its NAT's public address is what the receiver sees)
     * @param to the destination's public address
     * @param buf the datagram's buffer (copied)
     * @param off its start
     * @param len its length
     * @param nowMicros the virtual time
     */
    public void send(InetSocketAddress from, InetSocketAddress to, byte[] buf, int off, int len, long nowMicros) {
        if (isolated.contains(from)) {
            return;
        }
        InetSocketAddress source = publicOf.getOrDefault(from, from);
        if (tap != null) {
            tap.sent(source, to, buf, off, len, nowMicros);
        }
        Path path = paths.computeIfAbsent(Set.of(source, to),
                k -> new Path(source, to, links.apply(seed * 1_000_003L + paths.size())));
        path.link().sendMicros(path.a().equals(source) ? LinkSimulator.Side.A : LinkSimulator.Side.B, buf, off, len,
                nowMicros);
    }

    /**
     * Hands every datagram due by {@code nowMicros} to its host, link by link in the order the links were made.
     *
     * @return datagrams delivered or lost for want of a host
     */
    public int deliverDue(long nowMicros) {
        int n = 0;
        for (Path path : List.copyOf(paths.values())) {
            n += path.link().deliverDueMicros(nowMicros, (side, buf, off, len) -> {
                InetSocketAddress to = side == LinkSimulator.Side.A ? path.a() : path.b();
                InetSocketAddress from = side == LinkSimulator.Side.A ? path.b() : path.a();
                InetSocketAddress inside = resolve(to);
                Host host = inside == null || isolated.contains(inside) ? null : hosts.get(inside);
                if (host == null) {
                    undeliverable++;
                } else {
                    lastArrivalMicros.put(inside, nowMicros);
                    host.receive(from, buf, off, len);
                }
            });
        }
        return n;
    }

    /** A public address to the host behind it; {@code null} for a host's own address hidden by a rebound NAT. */
    private InetSocketAddress resolve(InetSocketAddress to) {
        InetSocketAddress inside = privateOf.get(to);
        if (inside != null) {
            return inside;
        }
        return publicOf.containsKey(to) ? null : to;
    }

    /** @return the earliest virtual microsecond a datagram is due, or {@link Long#MAX_VALUE} if none is in flight */
    public long nextDeliveryMicros() {
        long next = Long.MAX_VALUE;
        for (Path p : paths.values()) {
            next = Math.min(next, p.link().nextDeliveryMicros());
        }
        return next;
    }

    /**
     * Shows every datagram sent from now on to {@code tap}, which may itself send (a copy from another address,
     * say: the tap sees that too).
     *
     * @param tap the observer, or {@code null} for none
     */
    public void tap(Tap tap) {
        this.tap = tap;
    }

    /**
     * Rebinds the NAT in front of a host: from now on its datagrams come from {@code publicAddress}, and only
     * datagrams sent there reach it.
     *
     * @param host the host's own address
     * @param publicAddress its new public address
     */
    public void rebind(InetSocketAddress host, InetSocketAddress publicAddress) {
        InetSocketAddress old = publicOf.put(host, publicAddress);
        if (old != null) {
            privateOf.remove(old);
        }
        privateOf.put(publicAddress, host);
    }

    /**
     * Cuts a host off (or reconnects it): while isolated, what it sends is lost and what is sent to it is lost.
     *
     * @param host the host's own address
     * @param cutOff whether it is cut off
     */
    public void isolate(InetSocketAddress host, boolean cutOff) {
        if (cutOff) {
            isolated.add(host);
        } else {
            isolated.remove(host);
        }
    }

    /**
     * @param host a host's own address
     * @return the virtual microsecond its last datagram arrived, or {@link Long#MIN_VALUE} if none has
     */
    public long lastArrivalMicros(InetSocketAddress host) {
        return lastArrivalMicros.getOrDefault(host, Long.MIN_VALUE);
    }

    /** @return the links made so far, in order (for their counters) */
    public List<LinkSimulator> links() {
        List<LinkSimulator> l = new ArrayList<>();
        paths.values().forEach(p -> l.add(p.link()));
        return l;
    }

    /** @return datagrams that arrived where no host listens (closed sockets, expired NAT mappings) */
    public long undeliverable() {
        return undeliverable;
    }
}
