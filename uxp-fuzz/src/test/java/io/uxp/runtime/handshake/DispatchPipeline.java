package io.uxp.runtime.handshake;

import io.uxp.api.NegotiatedSuite;
import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.FecDecoder;
import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecProvider;
import io.uxp.fuzz.Check;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordHeader;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One side of an established connection, socket-free, for {@link ServerDispatchFuzzTest}: the same components in
 * the same order as the runtime's {@code session.Pipeline} (record -> frames -> FEC -> KCP, and back), without its
 * worker, socket and events. The real pipeline needs a {@code UxpConnection} on a worker thread and a channel; this
 * one hands its sealed datagrams to a consumer. KCP runs in modern mode as there, with smaller windows so that
 * building a connection per fuzz input stays cheap.
 */
final class DispatchPipeline implements Frames.Handler {

    private static final int MTU_BYTES = 1_400;
    private static final int WINDOW = 128;
    private static final int INTERVAL_MILLIS = 10;

    private final Session session;
    private final KcpEngine kcp;
    private final FecEncoder fecEncoder;
    private final FecDecoder fecDecoder;
    private final int fecBytes;
    private final int kcpMtuBytes;
    private final Consumer<byte[]> out;
    private final byte[] received = new byte[1 << 16];
    private long nowMillis;
    boolean peerClosed;

    DispatchPipeline(Session session, int conv, Consumer<byte[]> out, long nowMillis) {
        this.session = session;
        this.out = out;
        this.nowMillis = nowMillis;
        NegotiatedSuite suite = session.suite();
        CipherProvider cipher = HandshakeRig.REGISTRY.cipher(suite.cipher());
        FecProvider fec = suite.fecParams() == null ? null : HandshakeRig.REGISTRY.fec(suite.fec());
        this.fecBytes = fec == null ? 0 : fec.overheadBytes(suite.fecParams());
        this.kcpMtuBytes = MTU_BYTES - RecordHeader.LENGTH - cipher.overheadBytes() - Frames.DATA_HEADER_BYTES
                - fecBytes;
        this.fecEncoder = fec == null ? null : fec.newEncoder(suite.fecParams(), kcpMtuBytes, 0, 0, INTERVAL_MILLIS);
        this.fecDecoder = fec == null ? null : fec.newDecoder(suite.fecParams(), kcpMtuBytes, 200);
        KcpConfig config = KcpConfig.defaults().withMtuBytes(kcpMtuBytes).withWindows(WINDOW, WINDOW)
                .withNodelay(1, INTERVAL_MILLIS, 2).withReservedBytes(fecBytes, 0).withTimeLossDetection(true);
        this.kcp = new KcpEngine(conv, config, HandshakeRig.REGISTRY.congestionControl(suite.congestionControl())
                .newController(config.mssBytes()), this::kcpOutput);
    }

    /** Opens and processes one datagram; @return whether it authenticated. */
    boolean input(byte[] datagram, long now) {
        nowMillis = now;
        byte[] copy = datagram.clone();
        int n = session.unprotector().open(copy, 0, copy.length, now);
        if (n < 0) {
            return false;
        }
        plaintext(copy, session.unprotector().payloadOffset(0), n, now);
        return true;
    }

    /** Processes an opened plaintext (the server's first record is opened by the handshake). */
    void plaintext(byte[] buffer, int offset, int length, long now) {
        nowMillis = now;
        Check.inBounds(offset, length, buffer.length, "plaintext");
        Frames.read(buffer, offset, length, this);
        kcp.update(now * 1000);
        while (kcp.receive(received, 0, received.length) >= 0) {
            // the application reads everything
        }
    }

    /** Queues a message and lets KCP send what it may. */
    void send(byte[] message, long now) {
        nowMillis = now;
        kcp.send(message, 0, message.length);
        kcp.flush(now * 1000);
    }

    void update(long now) {
        nowMillis = now;
        kcp.update(now * 1000);
        if (fecEncoder != null && fecEncoder.nextFlushMillis() <= now) {
            fecEncoder.flush(now, this::seal);
        }
    }

    @Override
    public void onData(byte[] buffer, int offset, int length) {
        Check.inBounds(offset, length, buffer.length, "DATA content");
        if (fecDecoder != null) {
            fecDecoder.decode(buffer, offset, length, nowMillis, this::toKcp);
        } else {
            toKcp(buffer, offset, length);
        }
    }

    private void toKcp(byte[] buffer, int offset, int length) {
        Check.inBounds(offset, length, buffer.length, "KCP datagram");
        kcp.input(buffer, offset, length, nowMillis * 1000);
    }

    @Override
    public void onKeepalive() {
        // any authenticated record keeps a connection alive
    }

    @Override
    public void onClose(int code, String detail) {
        peerClosed = true;
    }

    private void kcpOutput(byte[] buffer, int offset, int length) {
        Check.that(length <= kcpMtuBytes, "KCP emitted " + length + " bytes, its MTU is " + kcpMtuBytes);
        if (fecEncoder != null) {
            fecEncoder.encode(buffer, offset, length, nowMillis, this::seal);
        } else {
            seal(buffer, offset, length);
        }
    }

    /** Frames a packet (KCP datagram or FEC shard) as DATA and seals it. */
    private void seal(byte[] buffer, int offset, int length) {
        var protector = session.protector();
        byte[] d = new byte[protector.overheadBytes() + Frames.DATA_HEADER_BYTES + length];
        int frame = protector.payloadOffset(0);
        System.arraycopy(buffer, offset, d, frame + Frames.DATA_HEADER_BYTES, length);
        int plain = Frames.writeDataHeader(d, frame, length);
        int n = protector.seal(d, 0, plain, nowMillis);
        Check.that(n > 0 && n <= MTU_BYTES, "sealed a datagram of " + n + " bytes, MTU " + MTU_BYTES);
        out.accept(Arrays.copyOf(d, n));
    }
}
