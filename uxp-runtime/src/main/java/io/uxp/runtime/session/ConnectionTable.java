package io.uxp.runtime.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Connections by local connection ID, read lock-free by the socket readers on every datagram and changed when a
 * connection opens or closes. Open addressing with linear probing over primitive {@code long} keys, so a lookup
 * neither locks nor boxes; writers synchronize among themselves and change one slot in place (a removal leaves a
 * tombstone), so opening or closing a connection costs O(1) amortized, not a copy of the table: 10,000
 * connections opened one by one once copied the table 10,000 times. The arrays are replaced only to grow or to
 * sweep tombstones, at most once per quarter of the capacity in changes.
 *
 * <p>A reader racing a writer may miss a connection being added or see one being removed, as if it had read a
 * moment earlier or later; it never gets a connection under another's ID: the value's own ID is compared.
 *
 * @param <V> the connection type
 */
final class ConnectionTable<V> {

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(Object[].class);
    /** A removed entry: probing continues past it, an insertion may reuse it. */
    private static final Object TOMBSTONE = new Object();
    private static final int INITIAL_CAPACITY = 16;

    private record Table(long[] keys, Object[] values) {
    }

    private final ToLongFunction<V> idOf;
    private volatile Table table = new Table(new long[INITIAL_CAPACITY], new Object[INITIAL_CAPACITY]);
    /** Guarded by {@code this}. */
    private int size;
    /** Guarded by {@code this}. */
    private int tombstones;

    /** @param idOf a connection's own ID, compared on every hit */
    ConnectionTable(ToLongFunction<V> idOf) {
        this.idOf = idOf;
    }

    /** @return the connection with this ID, or {@code null} */
    @SuppressWarnings("unchecked")
    V get(long id) {
        Table t = table;
        long[] keys = t.keys;
        Object[] values = t.values;
        int mask = keys.length - 1;
        for (int i = mix(id) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            Object v = VALUES.getAcquire(values, i);
            if (v == null) {
                return null;
            }
            if (v != TOMBSTONE && (long) KEYS.getAcquire(keys, i) == id) {
                V c = (V) v;
                // a slot reused between the two reads holds another connection: the entry for id is being added
                return idOf.applyAsLong(c) == id ? c : null;
            }
        }
        return null;
    }

    /** Adds {@code c} under {@code id}, replacing an entry with that ID. */
    synchronized void put(long id, V c) {
        Table t = table;
        int at = find(t, id);
        if (at >= 0) {
            VALUES.setRelease(t.values, at, c);
            return;
        }
        if ((size + tombstones + 1) * 2 > t.keys.length) {
            t = rebuild(t);
        }
        int mask = t.keys.length - 1;
        int i = mix(id) & mask;
        Object v;
        while ((v = t.values[i]) != null && v != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (v == TOMBSTONE) {
            tombstones--;
        }
        // the key before the value: a reader that sees the value sees its key
        KEYS.setRelease(t.keys, i, id);
        VALUES.setRelease(t.values, i, c);
        size++;
    }

    /** Removes the entry with this ID, if any. */
    synchronized void remove(long id) {
        Table t = table;
        int at = find(t, id);
        if (at >= 0) {
            VALUES.setRelease(t.values, at, TOMBSTONE);
            size--;
            tombstones++;
        }
    }

    synchronized int size() {
        return size;
    }

    /** @return the connections at the time of the call (a snapshot for sweeps and monitoring) */
    @SuppressWarnings("unchecked")
    List<V> values() {
        Object[] values = table.values;
        List<V> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Object v = VALUES.getAcquire(values, i);
            if (v != null && v != TOMBSTONE) {
                out.add((V) v);
            }
        }
        return out;
    }

    /** @return the slot of the live entry with this ID, or -1. Writer only. */
    private static int find(Table t, long id) {
        int mask = t.keys.length - 1;
        for (int i = mix(id) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            Object v = t.values[i];
            if (v == null) {
                return -1;
            }
            if (v != TOMBSTONE && t.keys[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * New arrays without tombstones, at most a quarter full, so that a quarter of the capacity in changes passes
     * before the next rebuild. Writer only.
     */
    private Table rebuild(Table t) {
        int capacity = INITIAL_CAPACITY;
        while ((size + 1) * 4 > capacity) {
            capacity *= 2;
        }
        long[] keys = new long[capacity];
        Object[] values = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < t.values.length; j++) {
            Object v = t.values[j];
            if (v != null && v != TOMBSTONE) {
                int i = mix(t.keys[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = t.keys[j];
                values[i] = v;
            }
        }
        tombstones = 0;
        Table rebuilt = new Table(keys, values);
        table = rebuilt;
        return rebuilt;
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
