package io.uxp.fec.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.PacketSink;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Once warm, encoding and decoding (with repairs) allocate nothing per packet. */
class ShardAllocationTest {

    private static final int PACKET_BYTES = 1400;
    private static final int ROOM = 32;
    private static final int WARM_UP_GROUPS = 3_000;
    private static final int MEASURED_GROUPS = 1_000;

    /** Hands every shard to the decoder except those the loss pattern removes; counts what comes up. */
    private static final class Wire implements PacketSink {
        final FecDecoder decoder;
        final PacketSink up;
        long shardIndex;
        long now;

        Wire(FecDecoder decoder, PacketSink up) {
            this.decoder = decoder;
            this.up = up;
        }

        @Override
        public void accept(byte[] buffer, int offset, int length) {
            long i = shardIndex++;
            // lose two data shards and one parity shard of every 10+3 group: every group needs a repair
            long inGroup = i % 13;
            if (inGroup != 2 && inGroup != 7 && inGroup != 11) {
                decoder.decode(buffer, offset, length, now, up);
            }
        }
    }

    private static final class Counter implements PacketSink {
        long packets;

        @Override
        public void accept(byte[] buffer, int offset, int length) {
            packets++;
        }
    }

    @Test
    void aThousandTenPlusThreeGroupsWithRepairsAllocateLessThanOneBytePerPacket() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FecParams params = new FecParams(10, 3);
        ReedSolomonFecProvider provider = new ReedSolomonFecProvider();
        FecEncoder encoder = provider.newEncoder(params, PACKET_BYTES, ROOM, ROOM, 10);
        Counter up = new Counter();
        Wire wire = new Wire(provider.newDecoder(params, PACKET_BYTES, 1000), up);
        byte[] buffer = new byte[ROOM + 8 + PACKET_BYTES + ROOM];

        run(encoder, wire, buffer, WARM_UP_GROUPS);
        long before = threads.getCurrentThreadAllocatedBytes();
        run(encoder, wire, buffer, MEASURED_GROUPS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(up.packets).isEqualTo(10L * (WARM_UP_GROUPS + MEASURED_GROUPS));
        assertThat((double) allocated / (10 * MEASURED_GROUPS))
                .as("bytes allocated per packet (total %d)", allocated).isLessThan(1.0);
    }

    private static void run(FecEncoder encoder, Wire wire, byte[] buffer, int groups) {
        for (int g = 0; g < groups * 10; g++) {
            wire.now++;
            buffer[ROOM + 8] = (byte) g;
            encoder.encode(buffer, ROOM + 8, PACKET_BYTES - (g % 7) * 100, wire.now, wire);
        }
    }
}
