import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;

/**
 * The raw UDP limit of a path, for the UXP benchmark harness (bench/run.sh): one sender thread sends
 * fixed-size datagrams as fast as it can for a few seconds; one receiver counts what arrives.
 *
 * <pre>
 *   java RawUdp.java recv HOST:PORT [MAX_SECONDS]          prints one JSON object when the sender stopped
 *   java RawUdp.java send HOST:PORT [SECONDS] [SIZE]       default 3 s, 1400-byte datagrams
 * </pre>
 *
 * The receiver's figure is bytes received over the time from the first to the last datagram; it stops
 * 1 s after the last datagram (or after MAX_SECONDS, default 30).
 */
public class RawUdp {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java RawUdp.java recv HOST:PORT [MAX_SECONDS] | send HOST:PORT [SECONDS] [SIZE]");
            System.exit(2);
        }
        InetSocketAddress addr = parse(args[1]);
        switch (args[0]) {
            case "recv" -> receive(addr, args.length > 2 ? Double.parseDouble(args[2]) : 30);
            case "send" -> send(addr, args.length > 2 ? Double.parseDouble(args[2]) : 3,
                    args.length > 3 ? Integer.parseInt(args[3]) : 1400);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    static void receive(InetSocketAddress bind, double maxSeconds) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            ch.bind(bind);
            var socket = ch.socket();
            socket.setSoTimeout(1000);
            ByteBuffer buf = ByteBuffer.allocateDirect(65536);
            System.err.println("rawudp: receiving on " + bind);
            long first = 0;
            long last = 0;
            long datagrams = 0;
            long bytes = 0;
            long end = System.nanoTime() + (long) (maxSeconds * 1e9);
            // blocking receive through the socket adaptor, so that the 1 s idle timeout applies
            var packet = new java.net.DatagramPacket(new byte[65536], 65536);
            while (System.nanoTime() < end) {
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    if (datagrams > 0) {
                        break;
                    }
                    continue;
                }
                last = System.nanoTime();
                if (datagrams == 0) {
                    first = last;
                }
                datagrams++;
                bytes += packet.getLength();
            }
            double seconds = datagrams > 1 ? (last - first) / 1e9 : 0;
            double mibps = seconds > 0 ? bytes / 1048576.0 / seconds : 0;
            System.out.println(String.format(Locale.ROOT,
                    "{\"ok\":%s,\"datagrams\":%d,\"bytes\":%d,\"seconds\":%.4f,\"mibPerSecond\":%.3f}",
                    datagrams > 1, datagrams, bytes, seconds, mibps));
        }
    }

    static void send(InetSocketAddress to, double seconds, int size) throws Exception {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.connect(to);
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long sent = 0;
            long errors = 0;
            while (true) {
                if ((sent & 255) == 0 && System.nanoTime() >= end) {
                    break;
                }
                buf.clear();
                try {
                    ch.write(buf);
                    sent++;
                } catch (java.io.IOException e) { // ECONNREFUSED from an earlier ICMP, ENOBUFS
                    errors++;
                    if (errors > 1_000_000) {
                        throw e;
                    }
                }
            }
            double took = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "{\"sent\":%d,\"errors\":%d,\"seconds\":%.4f,\"mibPerSecond\":%.3f}",
                    sent, errors, took, sent * (double) size / 1048576.0 / took));
        }
    }
}
