package io.uxp.runtime.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Connections by local connection ID, read lock-free by the receive thread on every datagram and changed
 * rarely (a connection opens or closes). Copy-on-write open addressing over primitive {@code long} keys, so a
 * lookup neither locks nor boxes. Writers synchronize among themselves.
 */
final class ConnectionTable {

    private record Table(long[] keys, UxpConnection[] values, int size) {
    }

    private volatile Table table = new Table(new long[16], new UxpConnection[16], 0);

    /** @return the connection with this ID, or {@code null} */
    UxpConnection get(long id) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            UxpConnection c = t.values[i];
            if (c == null) {
                return null;
            }
            if (t.keys[i] == id) {
                return c;
            }
        }
    }

    synchronized void put(long id, UxpConnection c) {
        Table t = table;
        int capacity = t.keys.length;
        while ((t.size + 1) * 2 > capacity) {
            capacity *= 2;
        }
        table = rebuild(t, capacity, id, c, true);
    }

    synchronized void remove(long id) {
        table = rebuild(table, table.keys.length, id, null, false);
    }

    synchronized int size() {
        return table.size;
    }

    List<UxpConnection> values() {
        Table t = table;
        List<UxpConnection> out = new ArrayList<>(t.size);
        for (UxpConnection c : t.values) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Table rebuild(Table t, int capacity, long id, UxpConnection c, boolean add) {
        long[] keys = new long[capacity];
        UxpConnection[] values = new UxpConnection[capacity];
        int size = 0;
        for (int i = 0; i < t.keys.length; i++) {
            if (t.values[i] != null && t.keys[i] != id) {
                insert(keys, values, t.keys[i], t.values[i]);
                size++;
            }
        }
        if (add) {
            insert(keys, values, id, c);
            size++;
        }
        return new Table(keys, values, size);
    }

    private static void insert(long[] keys, UxpConnection[] values, long id, UxpConnection c) {
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        values[i] = c;
    }

    /** Spreads the ID's bits (the MurmurHash3 64-bit finalizer); IDs are random, but tests may not be. */
    static int mix(long id) {
        long h = id;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
