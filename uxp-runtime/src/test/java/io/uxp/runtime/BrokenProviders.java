package io.uxp.runtime;

import io.uxp.api.spi.AckSample;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.CongestionController;
import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.api.spi.FecProvider;
import io.uxp.api.spi.LossSample;
import io.uxp.api.spi.PacketOpener;
import io.uxp.api.spi.PacketSealer;
import io.uxp.api.spi.PacketSink;
import io.uxp.api.spi.ProviderRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deliberately broken providers for the runtime's tests: each wraps a built-in one and, once its {@code armed} flag
 * is set, throws from one packet-path call. Until then they work, so a connection can be established first.
 */
final class BrokenProviders {

    static final ProviderRegistry BUILT_IN = ProviderRegistry.load();

    private BrokenProviders() {
    }

    /** Which call of a broken cipher throws. */
    enum CipherFault { SEAL, OPEN, NEW_SEALER }

    /** A chacha20-poly1305 under another name whose seal or open throws once armed. */
    static final class Cipher implements CipherProvider {
        final AtomicBoolean armed = new AtomicBoolean();
        /** Every thread that called seal: which thread a packet was sealed on. */
        final java.util.Set<Thread> sealThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final String name;
        private final CipherFault fault;
        private final CipherProvider inner = BUILT_IN.cipher("chacha20-poly1305");

        Cipher(String name, CipherFault fault) {
            this.name = name;
            this.fault = fault;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int keyBytes() {
            return inner.keyBytes();
        }

        @Override
        public int nonceBytes() {
            return inner.nonceBytes();
        }

        @Override
        public int prefixBytes() {
            return inner.prefixBytes();
        }

        @Override
        public int suffixBytes() {
            return inner.suffixBytes();
        }

        @Override
        public PacketSealer newSealer(byte[] key) {
            if (fault == CipherFault.NEW_SEALER && armed.get()) {
                throw new IllegalStateException("deliberately broken newSealer");
            }
            PacketSealer s = inner.newSealer(key);
            return new PacketSealer() {
                @Override
                public int seal(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int n) {
                    sealThreads.add(Thread.currentThread());
                    if (fault == CipherFault.SEAL && armed.get()) {
                        throw new IllegalStateException("deliberately broken seal");
                    }
                    return s.seal(nonce, packet, aadOffset, aadLength, bodyOffset, n);
                }

                @Override
                public void destroy() {
                    s.destroy();
                }
            };
        }

        @Override
        public PacketOpener newOpener(byte[] key) {
            PacketOpener o = inner.newOpener(key);
            return new PacketOpener() {
                @Override
                public int open(byte[] nonce, byte[] packet, int aadOffset, int aadLength, int bodyOffset, int n) {
                    if (fault == CipherFault.OPEN && armed.get()) {
                        throw new ArrayIndexOutOfBoundsException("deliberately broken open");
                    }
                    return o.open(nonce, packet, aadOffset, aadLength, bodyOffset, n);
                }

                @Override
                public void destroy() {
                    o.destroy();
                }
            };
        }
    }

    /** Reed-Solomon under another name whose encoder throws once armed. */
    static final class Fec implements FecProvider {
        final AtomicBoolean armed = new AtomicBoolean();
        private final FecProvider inner = BUILT_IN.fec("reed-solomon");

        @Override
        public String name() {
            return "test-broken-fec";
        }

        @Override
        public void validate(FecParams params) {
            inner.validate(params);
        }

        @Override
        public int overheadBytes(FecParams params) {
            return inner.overheadBytes(params);
        }

        @Override
        public FecEncoder newEncoder(FecParams params, int maxPacketBytes, int headroomBytes, int tailroomBytes,
                int flushDelayMillis) {
            FecEncoder e = inner.newEncoder(params, maxPacketBytes, headroomBytes, tailroomBytes, flushDelayMillis);
            return new FecEncoder() {
                @Override
                public void encode(byte[] buffer, int offset, int length, long nowMillis, PacketSink sink) {
                    if (armed.get()) {
                        throw new IllegalArgumentException("deliberately broken encode");
                    }
                    e.encode(buffer, offset, length, nowMillis, sink);
                }

                @Override
                public void flush(long nowMillis, PacketSink sink) {
                    e.flush(nowMillis, sink);
                }

                @Override
                public long nextFlushMillis() {
                    return e.nextFlushMillis();
                }
            };
        }

        @Override
        public FecDecoder newDecoder(FecParams params, int maxPacketBytes, int groupTimeoutMillis) {
            return inner.newDecoder(params, maxPacketBytes, groupTimeoutMillis);
        }
    }

    /** The reference {@code kcp} controller under another name whose onAcknowledged throws once armed. */
    static final class Congestion implements CongestionControlProvider {
        final AtomicBoolean armed = new AtomicBoolean();
        private final CongestionControlProvider inner = BUILT_IN.congestionControl("kcp");

        @Override
        public String name() {
            return "test-broken-cc";
        }

        @Override
        public CongestionController newController(int mssBytes) {
            CongestionController c = inner.newController(mssBytes);
            return new CongestionController() {
                @Override
                public int congestionWindow() {
                    return c.congestionWindow();
                }

                @Override
                public long pacingRate() {
                    return c.pacingRate();
                }

                @Override
                public int slowStartThreshold() {
                    return c.slowStartThreshold();
                }

                @Override
                public void onSent(long nowMicros, int bytes, boolean retransmission) {
                    c.onSent(nowMicros, bytes, retransmission);
                }

                @Override
                public void onAcknowledged(AckSample ack) {
                    if (armed.get()) {
                        throw new NullPointerException("deliberately broken onAcknowledged");
                    }
                    c.onAcknowledged(ack);
                }

                @Override
                public void onLost(LossSample loss) {
                    c.onLost(loss);
                }
            };
        }
    }

    /** @return the built-in providers plus {@code extra} ciphers, FEC schemes and congestion controls */
    static ProviderRegistry registry(List<CipherProvider> ciphers, List<FecProvider> fecs,
            List<CongestionControlProvider> congestionControls) {
        return ProviderRegistry.of(concat(ciphers, BUILT_IN.ciphers()), concat(fecs, BUILT_IN.fecs()),
                concat(congestionControls, BUILT_IN.congestionControls()));
    }

    private static <T> List<T> concat(List<? extends T> a, List<? extends T> b) {
        java.util.ArrayList<T> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
