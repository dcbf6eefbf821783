import io.uxp.api.Connection;
import io.uxp.api.ConnectionHandler;
import io.uxp.api.SendResult;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerPublicKey;
import io.uxp.runtime.UxpClient;
import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency probe for the UXP benchmark harness (bench/run.sh): connects to a {@code uxp server --echo}
 * with the runtime's default preferences (plus a FEC offer when asked), sends a 64-byte message every
 * interval (sequence number + send time) and prints "epoch_ms rtt_ms" for every echo that comes back.
 * Stops on SIGTERM/SIGINT or after the duration and prints a summary line on stderr.
 *
 * <pre>
 * java --module-path uxp-cli/target/modules --add-modules ALL-MODULE-PATH bench/java/UxpPing.java \
 *     --connect HOST:PORT --server-key FILE.pub [--fec D,P] [--interval-ms 10] [--duration-s 600]
 * </pre>
 *
 * <p>With {@code --pingpong N [--warmup W]} it sends one message at a time instead, the next from the echo's
 * callback (on the connection's worker, so straight into the transport), records N round trips after W and prints
 * {@code pingpong: n N p50 X p99 Y p999 Z us} on stderr: the latency of one warm connection.
 */
public class UxpPing {

    public static void main(String[] args) throws Exception {
        String connect = null;
        String serverKey = null;
        String fec = null;
        long intervalMs = 10;
        int pingPong = 0;
        int warmUp = 200;
        double durationS = 600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connect" -> connect = args[++i];
                case "--server-key" -> serverKey = args[++i];
                case "--fec" -> fec = args[++i];
                case "--interval-ms" -> intervalMs = Long.parseLong(args[++i]);
                case "--pingpong" -> pingPong = Integer.parseInt(args[++i]);
                case "--warmup" -> warmUp = Integer.parseInt(args[++i]);
                case "--duration-s" -> durationS = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (connect == null || serverKey == null) {
            System.err.println("usage: UxpPing --connect HOST:PORT --server-key FILE.pub [--fec D,P] [--interval-ms 10] [--duration-s 600]");
            System.exit(2);
        }
        int colon = connect.lastIndexOf(':');
        InetSocketAddress server = new InetSocketAddress(connect.substring(0, colon),
                Integer.parseInt(connect.substring(colon + 1)));
        Path keyFile = Path.of(serverKey);
        ServerPublicKey key = ServerPublicKey.parse(Files.isRegularFile(keyFile)
                ? Files.readString(keyFile, StandardCharsets.US_ASCII).strip() : serverKey);

        UxpClient.Builder builder = UxpClient.builder().security(ClientSecurity.pinnedServerKey(key));
        if (fec != null && !fec.equals("off")) {
            String[] shards = fec.split(",");
            ProviderPreferences d = ProviderPreferences.defaults();
            builder.preferences(new ProviderPreferences(d.ciphers(),
                    List.of(FecOffer.of("reed-solomon", Integer.parseInt(shards[0]), Integer.parseInt(shards[1]))),
                    d.congestionControls()));
        }

        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
        List<Double> rtts = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        AtomicLong backpressure = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);

        UxpClient client = builder.build();
        if (pingPong > 0) {
            System.exit(pingPong(client, server, warmUp, pingPong));
        }
        ConnectionHandler handler = new ConnectionHandler() {
            @Override
            public void onData(Connection c, ByteBuffer data) {
                if (data.remaining() < 16) {
                    return;
                }
                long sentNanos = data.getLong(data.position() + 8);
                double rtt = (System.nanoTime() - sentNanos) / 1e6;
                rtts.add(rtt);
                out.printf(Locale.ROOT, "%d %.3f%n", System.currentTimeMillis(), rtt);
            }

            @Override
            public void onClosed(Connection c, io.uxp.api.CloseCause cause) {
                System.err.println("ping: connection closed: " + cause);
                done.countDown();
            }
        };
        // the harness may start this probe while the echo server is still starting: retry for up to 30 s
        Connection connection = null;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (connection == null) {
            try {
                connection = client.connect(server, handler).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > giveUp) {
                    System.err.println("ping: could not connect: " + e);
                    System.exit(1);
                }
                Thread.sleep(200);
            }
        }
        System.err.println("ping: ready " + connection.suite());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<Double> copy;
            synchronized (rtts) {
                copy = new ArrayList<>(rtts);
            }
            Collections.sort(copy);
            System.err.printf(Locale.ROOT, "ping: sent %d received %d backpressure %d p50 %.2f ms p99 %.2f ms%n",
                    sent.get(), copy.size(), backpressure.get(), pct(copy, 50), pct(copy, 99));
        }));

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long[] seq = {0};
        Connection conn = connection;
        timer.scheduleAtFixedRate(() -> {
            ByteBuffer msg = ByteBuffer.allocate(64);
            msg.putLong(0, seq[0]++);
            msg.putLong(8, System.nanoTime());
            try {
                if (conn.send(msg) == SendResult.ACCEPTED) {
                    sent.incrementAndGet();
                } else {
                    backpressure.incrementAndGet();
                }
            } catch (RuntimeException e) {
                done.countDown();
            }
        }, 0, intervalMs, TimeUnit.MILLISECONDS);
        done.await((long) (durationS * 1000), TimeUnit.MILLISECONDS);
        timer.shutdownNow();
        connection.close();
        client.close();
        System.exit(0);
    }

    /** One message at a time, the next sent from the echo's callback; percentiles of the recorded round trips. */
    private static int pingPong(UxpClient client, InetSocketAddress server, int warm, int count) throws Exception {
        long[] rtts = new long[count];
        int[] n = {0};
        long[] sentAt = {0};
        CountDownLatch done = new CountDownLatch(1);
        ByteBuffer msg = ByteBuffer.allocate(64);
        ConnectionHandler handler = (c, data) -> {
            long now = System.nanoTime();
            int i = n[0]++;
            if (i >= warm) {
                rtts[i - warm] = now - sentAt[0];
            }
            if (n[0] == warm + count) {
                done.countDown();
                return;
            }
            sentAt[0] = System.nanoTime();
            c.send(msg.clear());
        };
        Connection c = client.connect(server, handler).get(30, TimeUnit.SECONDS);
        // the first from this thread (a hand-off to the worker); every later one from the echo's callback
        sentAt[0] = System.nanoTime();
        c.send(ByteBuffer.allocate(64));
        if (!done.await(120, TimeUnit.SECONDS)) {
            System.err.println("pingpong: timed out after " + n[0] + " echoes");
            return 1;
        }
        java.util.Arrays.sort(rtts);
        System.err.printf(Locale.ROOT, "pingpong: n %d p50 %.1f p99 %.1f p999 %.1f us%n", count,
                rtts[(int) (0.50 * (count - 1))] / 1e3, rtts[(int) (0.99 * (count - 1))] / 1e3,
                rtts[(int) (0.999 * (count - 1))] / 1e3);
        c.close();
        client.close();
        return 0;
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i));
    }
}
