package io.uxp.runtime.session;

import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.PacketSink;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;

/**
 * A connection's FEC encoder and decoder (FEC.md), between KCP and the record layer: the {@link Pipeline} hands it
 * KCP datagrams to encode and authenticated shards to decode. Whatever the provider throws comes out as a
 * {@link ProviderFailure} naming it; a failure of a later stage (the cipher sealing a shard) passes through as it
 * is. One owner thread; nothing allocated per packet.
 */
final class FecStage {

    private final String name;
    private final FecEncoder encoder;
    private final FecDecoder decoder;

    private FecStage(String name, FecEncoder encoder, FecDecoder decoder) {
        this.name = name;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /**
     * @param suite the negotiated suite
     * @param registry the providers
     * @param maxPacketBytes the longest KCP datagram
     * @param headroomBytes room before each shard for the DATA frame, the record header and the cipher prefix
     * @param tailroomBytes room after each shard for the cipher suffix
     * @param flushDelayMillis how long a partial group waits for its parity
     * @param groupTimeoutMillis how long the decoder keeps an incomplete group
     * @return the stage, or {@code null} if the suite has no FEC
     */
    static FecStage of(NegotiatedSuite suite, ProviderRegistry registry, int maxPacketBytes, int headroomBytes,
            int tailroomBytes, int flushDelayMillis, int groupTimeoutMillis) {
        if (suite.fecParams() == null) {
            return null;
        }
        FecProvider fec = registry.fec(suite.fec());
        try {
            return new FecStage(suite.fec(),
                    fec.newEncoder(suite.fecParams(), maxPacketBytes, headroomBytes, tailroomBytes, flushDelayMillis),
                    fec.newDecoder(suite.fecParams(), maxPacketBytes, groupTimeoutMillis));
        } catch (RuntimeException e) {
            throw ProviderFailure.of(ProviderKind.FEC, suite.fec(), fec, "FecProvider.newEncoder/newDecoder", e);
        }
    }

    /** Encodes one KCP datagram (with its headroom and tailroom) into shards for {@code sink}. */
    void encode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink) {
        try {
            encoder.encode(buffer, offset, length, nowMillis, sink);
        } catch (ProviderFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(encoder, "FecEncoder.encode", e);
        }
    }

    /** @return {@code false} if the decoder refused the shard */
    boolean decode(byte[] buffer, int offset, int length, long nowMillis, PacketSink toKcp) {
        try {
            return decoder.decode(buffer, offset, length, nowMillis, toKcp);
        } catch (ProviderFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(decoder, "FecDecoder.decode", e);
        }
    }

    /** Sends a partial group's parity if its delay has passed. */
    void flushIfDue(long nowMillis, PacketSink sink) {
        try {
            if (encoder.nextFlushMillis() <= nowMillis) {
                encoder.flush(nowMillis, sink);
            }
        } catch (ProviderFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(encoder, "FecEncoder.flush", e);
        }
    }

    /** @return when a partial group must be flushed */
    long nextFlushMillis() {
        try {
            return encoder.nextFlushMillis();
        } catch (RuntimeException e) {
            throw failed(encoder, "FecEncoder.nextFlushMillis", e);
        }
    }

    FecDecoder decoder() {
        return decoder;
    }

    private ProviderFailure failed(Object stage, String call, RuntimeException e) {
        return ProviderFailure.of(ProviderKind.FEC, name, stage, call, e);
    }
}
