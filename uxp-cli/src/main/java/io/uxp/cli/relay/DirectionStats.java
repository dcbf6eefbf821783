package io.uxp.cli.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an impairment did to one direction of traffic. Written by the relay's threads, read by anyone.
 */
public final class DirectionStats {

    private final String name;
    final AtomicLong received = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong delayed = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong corrupted = new AtomicLong();

    DirectionStats(String name) {
        this.name = name;
    }

    /** @return the direction, for example {@code client->server} */
    public String name() {
        return name;
    }

    /** @return datagrams that arrived at the relay in this direction */
    public long received() {
        return received.get();
    }

    /** @return datagrams sent on, duplicates included */
    public long forwarded() {
        return forwarded.get();
    }

    /** @return datagrams dropped on purpose */
    public long dropped() {
        return dropped.get();
    }

    /** @return datagrams held for a non-zero delay */
    public long delayed() {
        return delayed.get();
    }

    /** @return datagrams held back so that later ones overtake them */
    public long reordered() {
        return reordered.get();
    }

    /** @return datagrams sent twice */
    public long duplicated() {
        return duplicated.get();
    }

    /** @return datagrams with a flipped bit */
    public long corrupted() {
        return corrupted.get();
    }

    /** @return every counter by name, in the order of {@link #toString()} */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", received());
        m.put("forwarded", forwarded());
        m.put("dropped", dropped());
        m.put("delayed", delayed());
        m.put("reordered", reordered());
        m.put("duplicated", duplicated());
        m.put("corrupted", corrupted());
        return m;
    }

    @Override
    public String toString() {
        return name + ": received " + received() + ", forwarded " + forwarded() + ", dropped " + dropped()
                + ", delayed " + delayed() + ", reordered " + reordered() + ", duplicated " + duplicated()
                + ", corrupted " + corrupted();
    }
}
