package io.uxp.runtime.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * Reads what a ready channel holds into pooled {@link DatagramSlot}s and hands each to the channel's
 * {@link Inbound}: the one copy per datagram, from the reader's direct buffer into the slot (the JDK would copy a
 * heap buffer anyway). Shared by the workers that read their own sockets and by the {@link ReceiveLoop} thread.
 * One owner thread per instance.
 */
public final class DatagramReads {

    /** Datagrams read from one channel before the reader looks at the others, for fairness. */
    static final int READ_BATCH = 64;

    private final ByteBuffer readBuffer;

    /** @param maxDatagramBytes the largest datagram read whole; longer ones are truncated (and then fail to open) */
    public DatagramReads(int maxDatagramBytes) {
        this.readBuffer = ByteBuffer.allocateDirect(maxDatagramBytes);
    }

    /**
     * Reads up to a batch of datagrams from the key's channel; on an error the key is cancelled and the inbound told.
     *
     * @param key a key whose channel is a {@link DatagramChannel} and whose attachment is a {@link Source}
     * @return datagrams read
     */
    public int read(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        Source source = (Source) key.attachment();
        int n = 0;
        try {
            for (; n < READ_BATCH; n++) {
                readBuffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(readBuffer);
                if (from == null) {
                    return n;
                }
                readBuffer.flip();
                DatagramSlot slot = source.pool.take();
                if (slot == null) {
                    source.inbound.onNoSlot();
                    continue;
                }
                int length = Math.min(readBuffer.remaining(), slot.data.length);
                readBuffer.get(slot.data, 0, length);
                slot.length = length;
                slot.source = from;
                slot.via = source.index;
                source.inbound.onReceived(slot);
            }
        } catch (IOException | RuntimeException e) {
            key.cancel();
            source.inbound.onChannelError(e);
        }
        return n;
    }

    /**
     * A registered channel's destination.
     *
     * @param inbound where its datagrams go
     * @param pool where its slots come from
     * @param index stamped on each slot as {@link DatagramSlot#via}: which of an endpoint's sockets it came in on
     */
    public record Source(Inbound inbound, SlotPool pool, int index) {
    }
}
