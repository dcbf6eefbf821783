package io.uxp.runtime.handshake;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's pending handshakes (each awaiting the client's first record), indexed by client connection ID and
 * hello source, and by server connection ID, in expiry order, and counted per source address and per source prefix (/24 for IPv4, /48 for
 * IPv6) for the fair limits of {@link Admission}. Also remembers the client IDs of recently confirmed
 * handshakes, so that a late duplicate hello costs nothing. Every map holds at most one entry per pending
 * handshake (or per remembered ID), so memory is bounded by the pending cap. One owner thread.
 */
final class PendingTable {

    /** IPv4 prefix length for the per-prefix cap, in bytes: a /24. */
    static final int IPV4_PREFIX_BYTES = 3;
    /** IPv6 prefix length for the per-prefix cap, in bytes: a /48, a typical site allocation. */
    static final int IPV6_PREFIX_BYTES = 6;

    private final int maxRemembered;
    /**
     * By client ID and the address the hello came from: a copy of a hello sent from another address (ahead of
     * the original, by someone on the path) gets a pending handshake of its own, whose ServerHello goes to that
     * address, and cannot take the place of the client's (docs/PROTOCOL.md section 11, step 4).
     */
    private final Map<ClientKey, PendingHandshake> byClient = new HashMap<>();
    private final Map<Long, PendingHandshake> byServerId = new HashMap<>();
    private final ArrayDeque<PendingHandshake> byAge = new ArrayDeque<>();
    private final Map<InetAddress, int[]> perAddress = new HashMap<>();
    private final Map<Long, int[]> perPrefix = new HashMap<>();
    /** Client connection IDs of recently confirmed handshakes and until when they are kept, oldest first. */
    private final LinkedHashMap<Long, Long> confirmedUntil = new LinkedHashMap<>();

    /** @param maxRemembered confirmed client IDs remembered at most (oldest forgotten first) */
    PendingTable(int maxRemembered) {
        this.maxRemembered = maxRemembered;
    }

    private record ClientKey(long clientId, InetSocketAddress address) {
    }

    /**
     * @param address a source address
     * @return a key naming its /24 (IPv4) or /48 (IPv6) prefix, distinct across the two families
     */
    static long prefixKey(InetAddress address) {
        byte[] ip = address.getAddress();
        int n = address instanceof Inet4Address ? IPV4_PREFIX_BYTES : IPV6_PREFIX_BYTES;
        long key = ip.length;
        for (int i = 0; i < n; i++) {
            key = (key << 8) | (ip[i] & 0xFF);
        }
        return key;
    }

    PendingHandshake byClient(long clientId, InetSocketAddress from) {
        return byClient.get(new ClientKey(clientId, from));
    }

    PendingHandshake byServerId(long serverId) {
        return byServerId.get(serverId);
    }

    boolean containsServerId(long serverId) {
        return byServerId.containsKey(serverId);
    }

    /** @return whether a handshake of this client ID completed within the handshake timeout */
    boolean recentlyConfirmed(long clientId) {
        return confirmedUntil.containsKey(clientId);
    }

    int size() {
        return byClient.size();
    }

    /** @return pending handshakes from this source address */
    int fromAddress(InetAddress address) {
        int[] n = perAddress.get(address);
        return n == null ? 0 : n[0];
    }

    /** @return pending handshakes from this address's /24 or /48 prefix */
    int fromPrefix(InetAddress address) {
        int[] n = perPrefix.get(prefixKey(address));
        return n == null ? 0 : n[0];
    }

    void add(PendingHandshake p) {
        byClient.put(new ClientKey(p.clientId, p.address), p);
        byServerId.put(p.serverId, p);
        byAge.addLast(p);
        InetAddress a = p.address.getAddress();
        perAddress.computeIfAbsent(a, k -> new int[1])[0]++;
        perPrefix.computeIfAbsent(prefixKey(a), k -> new int[1])[0]++;
    }

    /** The client's first record authenticated: the handshake leaves the table and its client ID is remembered. */
    void confirm(PendingHandshake p) {
        remove(p);
        confirmedUntil.put(p.clientId, p.expiresMillis);
        if (confirmedUntil.size() > maxRemembered) {
            confirmedUntil.remove(confirmedUntil.keySet().iterator().next());
        }
    }

    private void remove(PendingHandshake p) {
        p.removed = true;
        byClient.remove(new ClientKey(p.clientId, p.address));
        byServerId.remove(p.serverId);
        InetAddress a = p.address.getAddress();
        decrement(perAddress, a);
        decrement(perPrefix, prefixKey(a));
    }

    private static <K> void decrement(Map<K, int[]> counts, K key) {
        int[] n = counts.get(key);
        if (n != null && --n[0] <= 0) {
            counts.remove(key);
        }
    }

    /**
     * Discards the handshakes and remembered IDs whose time is up, destroying the keys of the discarded.
     *
     * @param nowMillis the current time
     */
    void expire(long nowMillis) {
        for (Iterator<Long> it = confirmedUntil.values().iterator(); it.hasNext() && nowMillis >= it.next(); ) {
            it.remove();
        }
        PendingHandshake head;
        while ((head = byAge.peekFirst()) != null && (head.removed || nowMillis >= head.expiresMillis)) {
            byAge.pollFirst();
            if (!head.removed) {
                remove(head);
                head.session.protector().destroy();
                head.session.unprotector().destroy();
            }
        }
    }

    /** @return when the oldest pending handshake expires, or {@link Long#MAX_VALUE} */
    long nextExpiryMillis() {
        // Completed handshakes leave the age queue lazily; drop those at its head so the answer is O(1) amortized.
        while (!byAge.isEmpty() && byAge.peekFirst().removed) {
            byAge.pollFirst();
        }
        PendingHandshake head = byAge.peekFirst();
        return head == null ? Long.MAX_VALUE : head.expiresMillis;
    }

    /** @return source addresses and prefixes tracked (for tests of the memory bound) */
    int trackedSources() {
        return perAddress.size() + perPrefix.size();
    }
}
