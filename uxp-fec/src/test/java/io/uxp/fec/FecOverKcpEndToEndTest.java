package io.uxp.fec;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.PacketSink;
import io.uxp.api.spi.ProviderRegistry;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.testkit.LinkSimulator;
import io.uxp.testkit.LinkSimulator.Side;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two KCP engines over the in-memory link simulator at 10% random loss in each direction, with the
 * reed-solomon 10/3 layer between each engine and the link (encoder on output, decoder before input),
 * against the same run without FEC.
 */
class FecOverKcpEndToEndTest {

    private static final FecParams TEN_PLUS_THREE = new FecParams(10, 3);
    private static final double LOSS = 0.10;
    private static final int ONE_WAY_DELAY_MILLIS = 20;
    private static final int INTERVAL_MILLIS = 10;
    private static final int GROUP_TIMEOUT_MILLIS = 500;
    private static final int MESSAGES = 2000;
    private static final int MESSAGE_BYTES = 1000;
    private static final int QUEUE_LIMIT = 128;
    /** Bound of virtual time: the transfer takes a few seconds of it. */
    private static final long MAX_VIRTUAL_MILLIS = 300_000;

    /** What one run measured. */
    private record Outcome(byte[] delivered, long retransmissions, long recovered, long virtualMillis,
            long droppedShards) {
    }

    /** One end: a KCP engine and, when FEC is on, its encoder and decoder. */
    private static final class Peer {
        final Side side;
        final KcpEngine kcp;
        final FecEncoder encoder;
        final FecDecoder decoder;
        final PacketSink toLink;

        Peer(Side side, KcpConfig config, FecProvider fec, Run run) {
            this.side = side;
            this.encoder = fec == null ? null
                    : fec.newEncoder(TEN_PLUS_THREE, config.mtuBytes(), 0, 0, INTERVAL_MILLIS);
            this.decoder = fec == null ? null
                    : fec.newDecoder(TEN_PLUS_THREE, config.mtuBytes(), GROUP_TIMEOUT_MILLIS);
            PacketSink toLink = (buffer, offset, length) -> run.link.send(side, buffer, offset, length, run.now);
            this.kcp = new KcpEngine(1, config,
                    ProviderRegistry.load().congestionControl("fixed").newController(config.mssBytes()),
                    encoder == null ? toLink::accept
                            : (buffer, offset, length) -> encoder.encode(buffer, offset, length, run.now, toLink));
            this.toLink = toLink;
        }

        void receive(byte[] buffer, int offset, int length, long now) {
            if (decoder == null) {
                kcp.input(buffer, offset, length, now * 1_000L);
            } else {
                decoder.decode(buffer, offset, length, now, (b, o, l) -> kcp.input(b, o, l, now * 1_000L));
            }
        }

        void tick(long now) {
            kcp.update(now * 1_000L);
            if (encoder != null) {
                encoder.flush(now, toLink);
            }
        }
    }

    /** The shared clock and link of one run. */
    private static final class Run {
        final LinkSimulator link;
        long now;

        Run(long seed) {
            link = LinkSimulator.builder().seed(seed).loss(LOSS).delay(ONE_WAY_DELAY_MILLIS, ONE_WAY_DELAY_MILLIS)
                    .build();
        }
    }

    private static Outcome transfer(long seed, boolean fecOn) {
        FecProvider fec = fecOn ? ProviderRegistry.load().fec("reed-solomon") : null;
        int overhead = fecOn ? fec.overheadBytes(TEN_PLUS_THREE) : 0;
        // kcp-go's fast mode: nodelay, 10 ms interval, fast resend after 2, no congestion window
        KcpConfig config = KcpConfig.defaults().withNodelay(true, INTERVAL_MILLIS, 2).withWindows(128, 128)
                .withReservedBytes(overhead, 0);
        Run run = new Run(seed);
        Peer sender = new Peer(Side.A, config, fec, run);
        Peer receiver = new Peer(Side.B, config, fec, run);
        byte[] stream = new byte[MESSAGES * MESSAGE_BYTES];
        new Random(seed).nextBytes(stream);
        ByteArrayOutputStream delivered = new ByteArrayOutputStream();
        byte[] message = new byte[MESSAGE_BYTES];
        int queued = 0;
        while (delivered.size() < stream.length && run.now < MAX_VIRTUAL_MILLIS) {
            while (queued < MESSAGES && sender.kcp.waitingToSend() < QUEUE_LIMIT) {
                sender.kcp.send(stream, queued * MESSAGE_BYTES, MESSAGE_BYTES);
                queued++;
            }
            sender.tick(run.now);
            receiver.tick(run.now);
            run.link.deliverDue(run.now, (to, buffer, offset, length) ->
                    (to == Side.A ? sender : receiver).receive(buffer, offset, length, run.now));
            for (int n = receiver.kcp.receive(message, 0, message.length); n > 0;
                    n = receiver.kcp.receive(message, 0, message.length)) {
                delivered.write(message, 0, n);
            }
            run.now++;
        }
        long recovered = fecOn ? sender.decoder.recoveredPackets() + receiver.decoder.recoveredPackets() : 0;
        long dropped = fecOn ? sender.decoder.droppedShards() + receiver.decoder.droppedShards() : 0;
        return new Outcome(delivered.toByteArray(),
                sender.kcp.stats().retransmissions() + receiver.kcp.stats().retransmissions(), recovered, run.now,
                dropped);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void tenPlusThreeFecAtTenPercentLossAtLeastHalvesKcpRetransmissionsAndDeliversTheSameBytes(long seed) {
        Outcome off = transfer(seed, false);
        Outcome on = transfer(seed, true);
        byte[] expected = new byte[MESSAGES * MESSAGE_BYTES];
        new Random(seed).nextBytes(expected);

        assertThat(off.delivered()).as("without FEC").isEqualTo(expected);
        assertThat(on.delivered()).as("with FEC").isEqualTo(off.delivered());
        assertThat(off.retransmissions()).as("retransmissions without FEC").isPositive();
        assertThat(on.recovered()).as("packets rebuilt by FEC").isPositive();
        assertThat(on.droppedShards()).as("shards dropped on a link that neither corrupts nor duplicates").isZero();
        assertThat(on.retransmissions()).as("retransmissions with FEC %s vs without %s (virtual ms %d vs %d)",
                on.retransmissions(), off.retransmissions(), on.virtualMillis(), off.virtualMillis())
                .isLessThanOrEqualTo(off.retransmissions() / 2);
    }
}
