package io.uxp.runtime.robustness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The attacker of {@link LiveAbuseTest}: real sockets on other loopback addresses (127.0.1.x sends copies of
 * honest hellos and records ahead of the originals, through a {@link LoopbackNat.Tap}; 127.0.2.x floods), each
 * of which is also the victim whose address it uses: everything the server sends to an address arrives at that
 * socket and is counted against what the attacker sent from it. The flood cycles through the kinds in fixed shares,
 * from material the tap captured (honest records) and from seeded noise.
 */
final class Hostile implements AutoCloseable {

    /** What a hostile datagram is. */
    enum Kind {
        RANDOM_BYTES, TRUNCATED, BIT_FLIPPED, REPLAYED, FORGED_ID, HELLO_RANDOM, HELLO_REAL, COPY_AHEAD
    }

    /** The flood's mix, one entry per 5 % ({@link Kind#COPY_AHEAD} comes from the tap, not from here). */
    private static final Kind[] MIX = {
        Kind.RANDOM_BYTES, Kind.RANDOM_BYTES, Kind.RANDOM_BYTES, Kind.RANDOM_BYTES,
        Kind.TRUNCATED, Kind.TRUNCATED, Kind.TRUNCATED,
        Kind.BIT_FLIPPED, Kind.BIT_FLIPPED, Kind.BIT_FLIPPED,
        Kind.REPLAYED, Kind.REPLAYED, Kind.REPLAYED,
        Kind.FORGED_ID, Kind.FORGED_ID, Kind.FORGED_ID,
        Kind.HELLO_RANDOM, Kind.HELLO_RANDOM,
        Kind.HELLO_REAL, Kind.HELLO_REAL,
    };
    /** Honest records remembered for replays and mutations. */
    private static final int RING = 4_096;
    /**
     * Every n-th honest record, each client's first record and its ClientHello are copied ahead of themselves
     * from a 127.0.1.x socket.
     */
    private static final int COPY_EVERY = 4;
    /** Datagrams between drains of the victims' sockets and between pacing checks. */
    private static final int BATCH = 512;

    /** One socket at one address: the attacker sends from it, and as the victim it receives. */
    static final class Source {
        final DatagramChannel channel;
        final InetSocketAddress address;
        final AtomicLong sentBytes = new AtomicLong();
        final AtomicLong sentDatagrams = new AtomicLong();
        final AtomicLong arrivedBytes = new AtomicLong();
        final AtomicLong arrivedDatagrams = new AtomicLong();

        Source(String host) throws IOException {
            channel = Sockets.bind(host);
            address = (InetSocketAddress) channel.getLocalAddress();
        }

        boolean send(ByteBuffer datagram, InetSocketAddress to) throws IOException {
            int n = channel.send(datagram, to);
            if (n > 0 || !datagram.hasRemaining()) {
                sentBytes.addAndGet(n);
                sentDatagrams.incrementAndGet();
                return true;
            }
            return false;
        }

        synchronized void drain(ByteBuffer scratch) throws IOException {
            while (channel.receive(scratch.clear()) != null) {
                arrivedBytes.addAndGet(scratch.position());
                arrivedDatagrams.incrementAndGet();
            }
        }
    }

    private final InetSocketAddress server;
    final List<Source> copiers = new ArrayList<>();
    final List<Source> spoofers = new ArrayList<>();
    final AtomicLongArray sent = new AtomicLongArray(Kind.values().length);
    private final AtomicReferenceArray<byte[]> ring = new AtomicReferenceArray<>(RING);
    private final AtomicLong captured = new AtomicLong();
    private final Set<InetSocketAddress> clientsSeen = ConcurrentHashMap.newKeySet();
    private final Set<InetSocketAddress> clientsWithRecord = ConcurrentHashMap.newKeySet();
    private final byte[] noise = new byte[1 << 16];
    private final SplittableRandom random;
    private long tapRecords;
    private int nextCopier;
    /** Set while the tap copies honest records ahead of themselves. */
    volatile boolean copying = true;

    /**
     * @param server the target
     * @param copiers how many 127.0.1.x sockets send copies ahead
     * @param spoofers how many 127.0.2.x sockets flood
     */
    Hostile(InetSocketAddress server, int copiers, int spoofers, long seed) throws IOException {
        this.server = server;
        this.random = new SplittableRandom(seed);
        random.nextBytes(noise);
        for (int i = 1; i <= copiers; i++) {
            this.copiers.add(new Source("127.0.1." + i));
        }
        for (int i = 1; i <= spoofers; i++) {
            this.spoofers.add(new Source("127.0.2." + i));
        }
    }

    /** @return honest records captured so far */
    long captured() {
        return captured.get();
    }

    /** The tap for the NAT between the honest clients and the server. */
    LoopbackNat.Tap tap() {
        ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
        return new LoopbackNat.Tap() {
            @Override
            public void before(ByteBuffer datagram, InetSocketAddress client) {
                if (!copying || !datagram.hasRemaining()) {
                    return;
                }
                // each client's hello, its first record, then every n-th record
                boolean copy = clientsSeen.add(client);
                if (Forgeries.isRecord(datagram.get(0))) {
                    copy |= clientsWithRecord.add(client) || ++tapRecords % COPY_EVERY == 0;
                }
                if (copy) {
                    Source s = copiers.get(nextCopier++ % copiers.size());
                    try {
                        if (s.send(datagram.duplicate(), server)) {
                            sent.incrementAndGet(Kind.COPY_AHEAD.ordinal());
                        }
                        s.drain(scratch);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void after(ByteBuffer datagram) {
                if (datagram.hasRemaining() && Forgeries.isRecord(datagram.get(0))) {
                    byte[] copy = new byte[datagram.remaining()];
                    datagram.duplicate().get(copy);
                    ring.set((int) (captured.getAndIncrement() % RING), copy);
                }
            }
        };
    }

    /**
     * Sends {@code count} datagrams of the mix, round robin over the spoofing sockets, at most
     * {@code perSecond} a second (0: as fast as the sockets take them), on the calling thread. Needs at least one
     * captured record.
     *
     * @param progress told the number sent so far, every {@link #BATCH}
     * @return nanoseconds spent
     */
    long flood(long count, int perSecond, LongConsumer progress) throws IOException {
        byte[] out = new byte[1 << 16];
        ByteBuffer wrap = ByteBuffer.wrap(out);
        ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
        long start = System.nanoTime();
        long done = 0;
        int attempt = 0;
        while (done < count) {
            Kind kind = MIX[(int) (done % MIX.length)];
            int n = make(kind, out);
            Source s = spoofers.get(attempt++ % spoofers.size());
            wrap.limit(n).position(0);
            if (!s.send(wrap, server)) {
                continue;           // the socket's send buffer is full: try the next socket
            }
            sent.incrementAndGet(kind.ordinal());
            done++;
            if (done % BATCH == 0) {
                for (Source v : spoofers) {
                    v.drain(scratch);
                }
                progress.accept(done);
                long ahead = perSecond == 0 ? 0 : start + done * 1_000_000_000L / perSecond - System.nanoTime();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);     // pacing, not waiting for a condition
                }
            }
        }
        progress.accept(done);
        return System.nanoTime() - start;
    }

    private int make(Kind kind, byte[] out) {
        switch (kind) {
            case RANDOM_BYTES -> {
                int n = random.nextInt(Forgeries.MAX_HANDSHAKE_BYTES + 1);
                System.arraycopy(noise, random.nextInt(noise.length - n + 1), out, 0, n);
                return n;
            }
            case TRUNCATED -> {
                byte[] real = pick();
                int n = random.nextInt(real.length);
                System.arraycopy(real, 0, out, 0, n);
                return n;
            }
            case BIT_FLIPPED -> {
                byte[] real = pick();
                System.arraycopy(real, 0, out, 0, real.length);
                int bit = random.nextInt(real.length * Byte.SIZE);
                out[bit / Byte.SIZE] ^= (byte) (1 << (bit % Byte.SIZE));
                return real.length;
            }
            case REPLAYED -> {
                byte[] real = pick();
                System.arraycopy(real, 0, out, 0, real.length);
                return real.length;
            }
            case FORGED_ID -> {
                long id = random.nextBoolean() ? ByteBuffer.wrap(pick(), 1, 8).getLong() : random.nextLong();
                return Forgeries.record(out, id, noise, random);
            }
            case HELLO_RANDOM -> {
                return Forgeries.randomHello(out, noise, random);
            }
            case HELLO_REAL -> {
                return Forgeries.realLookingHello(out, random);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    /** @return a captured honest record, one of the last {@link #RING} */
    private byte[] pick() {
        int n = (int) Math.min(captured.get(), RING);
        byte[] real;
        do {
            real = ring.get(random.nextInt(n));     // null only for a slot being written right now
        } while (real == null);
        return real;
    }

    /** Counts what arrived at every victim's socket so far. */
    void drainAll() throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
        for (Source s : copiers) {
            s.drain(scratch);
        }
        for (Source s : spoofers) {
            s.drain(scratch);
        }
    }

    /** @return every source, copiers first */
    List<Source> sources() {
        List<Source> all = new ArrayList<>(copiers);
        all.addAll(spoofers);
        return all;
    }

    @Override
    public void close() throws IOException {
        for (Source s : sources()) {
            s.channel.close();
        }
    }
}
