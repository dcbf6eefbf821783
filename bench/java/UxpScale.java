import io.uxp.api.CloseCause;
import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerPublicKey;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.UxpClient;
import io.uxp.runtime.UxpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Scale harness of the efficiency issue (bench/scale.sh runs it; not a test): many connections from one client
 * process to one server process over loopback, the runtime's defaults except the connection cap.
 *
 * <pre>
 * java --module-path uxp-cli/target/modules --add-modules ALL-MODULE-PATH bench/java/UxpScale.java \
 *     server PORT KEYFILE                    # echo server; prints CPU and heap every 5 s
 * java ... bench/java/UxpScale.java client PORT KEYFILE.pub CONNECTIONS IDLE_S ACTIVE ACTIVE_RATE ACTIVE_S
 * </pre>
 *
 * The client opens CONNECTIONS connections (64 handshakes at a time) and reports handshakes per second, keeps them
 * idle IDLE_S seconds, then makes ACTIVE of them send ACTIVE_RATE messages of 200 bytes per second each for
 * ACTIVE_S seconds (spread over each millisecond of the period, from one thread: off-worker sends) and reports the
 * echo latency percentiles (each round trip split at the server's handler, whose arrival time the echo carries),
 * how late a thread parking 1 ms woke meanwhile (the host's wake-up latency), then closes every connection at once;
 * the server's lines say what it cost there and how each connection ended (PEER_CLOSE when the client's CLOSE
 * reached it, IDLE_TIMEOUT when it did not).
 */
public class UxpScale {

    private static final int MESSAGE_BYTES = 200;
    /** Seconds at the start of the active phase reported apart: the JIT compiles the data path then. */
    private static final int WARM_UP_SECONDS = 5;

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("server")) {
            server(Integer.parseInt(args[1]), Path.of(args[2]));
        } else if (args.length >= 8 && args[0].equals("client")) {
            client(Integer.parseInt(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        } else {
            System.err.println("usage: UxpScale server PORT KEYFILE | client PORT KEYFILE.pub CONNECTIONS IDLE_S "
                    + "ACTIVE ACTIVE_RATE ACTIVE_S");
            System.exit(2);
        }
    }

    /** Connections the server saw end, by {@link CloseCause.Kind}: a mass close should end them all by PEER_CLOSE. */
    private static final AtomicLongArray CLOSES = new AtomicLongArray(CloseCause.Kind.values().length);

    private static String closes() {
        StringBuilder line = new StringBuilder();
        for (CloseCause.Kind kind : CloseCause.Kind.values()) {
            long n = CLOSES.get(kind.ordinal());
            if (n > 0) {
                line.append(line.length() == 0 ? "; closed: " : ", ").append(kind).append(' ').append(n);
            }
        }
        return line.toString();
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** @return the nearest-rank quantile {@code q} of sorted nanoseconds, in milliseconds; -1 if empty */
    private static double quantileMillis(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    /** The file by which the client asks the server for its heap after GC, beside the key file. */
    private static Path heapRequest(Path keyFile) {
        return keyFile.resolveSibling("heap-request");
    }

    /** The file the server writes once it has measured. */
    private static Path heapDone(Path keyFile) {
        return keyFile.resolveSibling("heap-done");
    }

    private static double heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static void server(int port, Path keyFile) throws Exception {
        ServerKeyPair keys = ServerKeyPair.generate(new SecureRandom());
        Files.writeString(keyFile, keys.publicKey().toString(), StandardCharsets.US_ASCII);
        double emptyHeap = heapAfterGcMiB();
        UxpServer.Builder builder = UxpServer.builder().bind(new InetSocketAddress("127.0.0.1", port))
                .security(ServerSecurity.staticKey(keys)).maxConnections(100_000)
                .handler(connection -> new ConnectionHandler() {
                    @Override
                    public void onData(Connection c, ByteBuffer data) {
                        if (data.remaining() >= 16 && !data.isReadOnly()) {
                            // when it arrived here: the client splits each round trip into its two legs (one clock,
                            // System.nanoTime, on one host)
                            data.putLong(data.position() + 8, System.nanoTime());
                        }
                        c.send(data);
                    }

                    @Override
                    public void onClosed(Connection c, CloseCause cause) {
                        CLOSES.incrementAndGet(cause.kind().ordinal());
                    }
                });
        String sockets = System.getenv("UXP_SCALE_SOCKETS"); // receive sockets (loops); unset: the default
        if (sockets != null && !sockets.isBlank()) {
            builder.receiveSockets(Integer.parseInt(sockets.strip()));
            System.out.printf(Locale.ROOT, "server: %s receive socket(s)%n", sockets.strip());
        }
        UxpServer server = builder.start();
        System.out.printf(Locale.ROOT, "server: listening, empty heap after GC %.1f MiB%n", emptyHeap);
        double cpu = cpuSeconds();
        long wall = System.nanoTime();
        Path heapRequest = heapRequest(keyFile);
        for (int tick = 1; ; tick++) {
            String heap = "";
            for (int step = 0; step < 20; step++) { // 5 s in steps of 250 ms, watching for the client's request
                Thread.sleep(250);
                if (heap.isEmpty() && Files.exists(heapRequest) && server.stats().connections() > 0
                        && Files.deleteIfExists(heapRequest)) {
                    int connections = server.stats().connections();
                    // only when the client asks, while its connections idle: a full collection stops this JVM for
                    // 100-150 ms, which in the active phase would be the latency this harness measures
                    double h = heapAfterGcMiB();
                    heap = String.format(Locale.ROOT, " heap after GC %.1f MiB (%.1f KiB per connection above empty)",
                            h, (h - emptyHeap) * 1024 / connections);
                    Files.writeString(heapDone(keyFile), heap, StandardCharsets.US_ASCII);
                }
            }
            double nowCpu = cpuSeconds();
            long nowWall = System.nanoTime();
            int connections = server.stats().connections();
            System.out.printf(Locale.ROOT, "server: t=%ds connections %d cpu %.1f %% of a core%s%s%n", tick * 5,
                    connections, 100 * (nowCpu - cpu) / ((nowWall - wall) / 1e9), heap, closes());
            cpu = cpuSeconds();
            wall = System.nanoTime();
        }
    }

    private static void client(int port, Path keyFile, int n, int idleSeconds, int active, int rate,
            int activeSeconds) throws Exception {
        ServerPublicKey key = ServerPublicKey.parse(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        UxpClient client = UxpClient.builder().security(ClientSecurity.pinnedServerKey(key)).workers(2).build();
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        AtomicLongArray latencies = new AtomicLongArray(active * rate * activeSeconds + 1);
        AtomicLongArray arrivals = new AtomicLongArray(latencies.length());
        AtomicLongArray serverTimes = new AtomicLongArray(latencies.length());
        AtomicLong recorded = new AtomicLong();
        AtomicLong received = new AtomicLong();
        ConnectionHandler handler = (c, data) -> {
            if (data.remaining() >= 8) {
                long now = System.nanoTime();
                long sentAt = data.getLong(data.position());
                long i = recorded.getAndIncrement();
                if (i < latencies.length()) {
                    latencies.set((int) i, now - sentAt);
                    arrivals.set((int) i, now);
                    if (data.remaining() >= 16) {
                        serverTimes.set((int) i, data.getLong(data.position() + 8) - sentAt);
                    }
                }
            }
            received.incrementAndGet();
        };
        List<Connection> connections = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i += 64) {
            List<CompletableFuture<Connection>> batch = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + 64); j++) {
                batch.add(client.connect(server, handler));
            }
            for (CompletableFuture<Connection> f : batch) {
                connections.add(f.get(30, TimeUnit.SECONDS));
            }
        }
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "client: %d connections in %.1f s = %.0f handshakes/s%n", n, connectSeconds,
                n / connectSeconds);
        double cpu = cpuSeconds();
        long idleStart = System.nanoTime();
        // the server measures its heap now, while every connection idles, and the active phase starts after it
        Files.deleteIfExists(heapDone(keyFile));
        Files.writeString(heapRequest(keyFile), "", StandardCharsets.US_ASCII);
        while (!Files.exists(heapDone(keyFile)) && System.nanoTime() - idleStart < 60_000_000_000L) {
            Thread.sleep(100);
        }
        long left = idleSeconds * 1_000L - (System.nanoTime() - idleStart) / 1_000_000;
        Thread.sleep(Math.max(1_000, left));
        double idleWall = (System.nanoTime() - idleStart) / 1e9;
        System.out.printf(Locale.ROOT, "client: idle %.0f s, client cpu %.1f %% of a core%n", idleWall,
                100 * (cpuSeconds() - cpu) / idleWall);

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        // spread over the period: every millisecond the connections whose turn it is send one message each (all at
        // once per period would measure the burst's own queue)
        int slots = Math.max(1, 1_000 / rate);
        List<Connection> busy = connections.subList(0, Math.min(active, connections.size()));
        long[] tick = {0};
        // one buffer for every send: send() copies the message, and an allocation per message would put this
        // harness's own garbage (and its collector's pauses) into the latencies it measures
        ByteBuffer m = ByteBuffer.allocate(MESSAGE_BYTES);
        timer.scheduleAtFixedRate(() -> {
            int slot = (int) (tick[0]++ % slots);
            for (int i = slot; i < busy.size(); i += slots) {
                m.clear();
                m.putLong(0, System.nanoTime());
                if (busy.get(i).send(m) == SendResult.ACCEPTED) {
                    sent.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        cpu = cpuSeconds();
        // the first seconds run code the idle phase never compiled (1,000 connections start at once on a cold JIT:
        // hundreds of ms for about 2 s on this machine); they are reported apart from the steady state
        int warmUpSeconds = Math.min(WARM_UP_SECONDS, activeSeconds / 3);
        Thread.sleep(warmUpSeconds * 1_000L);
        int warmUpCount = (int) Math.min(recorded.get(), latencies.length());
        long[] hostWakeUps = parkOvershoots((activeSeconds - warmUpSeconds) * 1_000L);
        timer.shutdownNow();
        double activeCpu = 100 * (cpuSeconds() - cpu) / activeSeconds;
        Thread.sleep(2_000);
        int total = (int) Math.min(recorded.get(), latencies.length());
        long[] w = new long[warmUpCount];
        long[] l = new long[total - warmUpCount];
        for (int i = 0; i < total; i++) {
            if (i < warmUpCount) {
                w[i] = latencies.get(i);
            } else {
                l[i - warmUpCount] = latencies.get(i);
            }
        }
        if (System.getenv("UXP_SCALE_TIMELINE") != null) {
            timeline(latencies, arrivals, serverTimes, total);
        }
        Arrays.sort(w);
        Arrays.sort(l);
        int count = l.length;
        long timeouts = 0;
        long segments = 0;
        for (Connection c : busy) {
            timeouts += c.stats().arq().timeoutRetransmissions();
            segments += c.stats().arq().segmentsSent();
        }
        System.out.printf(Locale.ROOT, "client: active %d x %d/s of %d B for %d s: sent %d, refused %d, echoed %d; "
                + "first %d s: p50 %.2f p99 %.2f ms; after them: latency p50 %.2f p99 %.2f p99.9 %.2f ms; timeout "
                + "retransmissions %d of %d segments; client cpu %.1f %% of a core%n", busy.size(), rate, MESSAGE_BYTES,
                activeSeconds, sent.get(), refused.get(), received.get(), warmUpSeconds, quantileMillis(w, 0.5),
                quantileMillis(w, 0.99), quantileMillis(l, 0.5), quantileMillis(l, 0.99), quantileMillis(l, 0.999),
                timeouts, segments, activeCpu);
        long[] upLeg = new long[total - warmUpCount];
        long[] downLeg = new long[total - warmUpCount];
        for (int i = warmUpCount; i < total; i++) {
            upLeg[i - warmUpCount] = serverTimes.get(i);
            downLeg[i - warmUpCount] = latencies.get(i) - serverTimes.get(i);
        }
        Arrays.sort(upLeg);
        Arrays.sort(downLeg);
        System.out.printf(Locale.ROOT, "client: after the first %d s, client to server's handler p50 %.2f p99 %.2f ms, "
                + "back p50 %.2f p99 %.2f ms%n", warmUpSeconds, quantileMillis(upLeg, 0.5), quantileMillis(upLeg, 0.99),
                quantileMillis(downLeg, 0.5), quantileMillis(downLeg, 0.99));
        System.out.printf(Locale.ROOT, "client: meanwhile a thread parking 1 ms at a time woke late by p50 %.2f p99 %.2f "
                + "p99.9 %.2f max %.2f ms (the host's wake-up latency; a round trip waits for about three wake-ups)%n",
                quantileMillis(hostWakeUps, 0.5), quantileMillis(hostWakeUps, 0.99), quantileMillis(hostWakeUps, 0.999),
                quantileMillis(hostWakeUps, 1.0));
        long closing = System.nanoTime();
        client.close();
        System.out.printf(Locale.ROOT, "client: closed all %d connections in %.2f s (the server's next lines count "
                + "how their ends reached it)%n", n, (System.nanoTime() - closing) / 1e9);
        System.exit(0);
    }

    /**
     * Parks 1 ms at a time for {@code millis} on the calling thread and returns how late each wake-up was, sorted, in
     * nanoseconds: the scheduling delay every worker's wake-up meets on this host at this load.
     */
    private static long[] parkOvershoots(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long[] late = new long[(int) millis + 1];
        int n = 0;
        for (long t = System.nanoTime(); t < end && n < late.length; t = System.nanoTime()) {
            LockSupport.parkNanos(1_000_000L);
            late[n++] = Math.max(0, System.nanoTime() - t - 1_000_000L);
        }
        long[] sorted = Arrays.copyOf(late, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Per 250 ms of arrivals (UXP_SCALE_TIMELINE set): count, p50, p99 and max of the round trip, and the largest of
     * each leg (client to server's handler, server's handler back to the client's), to see when and where the tail is.
     */
    private static void timeline(AtomicLongArray latencies, AtomicLongArray arrivals, AtomicLongArray up, int total) {
        if (total == 0) {
            return;
        }
        long first = arrivals.get(0);
        System.out.printf(Locale.ROOT, "timeline: from %d ms of System.nanoTime%n", first / 1_000_000L);
        TreeMap<Long, List<Integer>> bins = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            bins.computeIfAbsent((arrivals.get(i) - first) / 250_000_000L, k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Long, List<Integer>> e : bins.entrySet()) {
            long[] v = e.getValue().stream().mapToLong(latencies::get).sorted().toArray();
            long maxUp = e.getValue().stream().mapToLong(up::get).max().orElse(0);
            long maxDown = e.getValue().stream().mapToLong(i -> latencies.get(i) - up.get(i)).max().orElse(0);
            System.out.printf(Locale.ROOT, "timeline: t=%.2f s n=%d p50 %.2f p99 %.2f max %.2f ms; largest leg up %.2f "
                    + "down %.2f ms%n", e.getKey() * 0.25, v.length, quantileMillis(v, 0.5), quantileMillis(v, 0.99),
                    v[v.length - 1] / 1e6, maxUp / 1e6, maxDown / 1e6);
        }
    }
}
