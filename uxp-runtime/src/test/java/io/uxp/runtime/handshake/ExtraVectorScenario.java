package io.uxp.runtime.handshake;

import io.uxp.api.spi.FecEncoder;
import io.uxp.api.spi.FecParams;
import io.uxp.kcp.KcpConfig;
import io.uxp.kcp.KcpEngine;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.ConnectionSettings;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordHeader;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.TrafficSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The further vectors of docs/PROTOCOL.md section 14 (after the main handshake of {@link VectorScenario}), run
 * through this implementation from the document's inputs: the other authentication modes, an
 * {@code xsalsa20-poly1305} connection with Reed-Solomon (its records both ways, a KCP datagram and the FEC data
 * shard carrying it), and a Retry round. Returns every output by vector name.
 */
final class ExtraVectorScenario {

    static final FecOffer FEC = FecOffer.of("reed-solomon", 4, 2);
    static final ProviderPreferences XSALSA = new ProviderPreferences(List.of("xsalsa20-poly1305"), List.of(FEC),
            List.of("kcp"));
    /** The KCP message of the FEC vector. */
    static final byte[] KCP_MESSAGE = "hi".getBytes(StandardCharsets.US_ASCII);
    /** The detail of the server's CLOSE in the server-to-client vector. */
    static final String CLOSE_DETAIL = "bye";

    private final Map<String, byte[]> in;
    private final Map<String, byte[]> out = new LinkedHashMap<>();

    private ExtraVectorScenario(Map<String, byte[]> in) {
        this.in = in;
    }

    static Map<String, byte[]> run(Map<String, byte[]> in) {
        ExtraVectorScenario s = new ExtraVectorScenario(in);
        PreSharedKey psk = PreSharedKey.of(in.get("psk"));
        ServerKeyPair staticKey = ServerKeyPair.ofPrivateKey(in.get("server-static-private"));
        s.mode("psk", ClientSecurity.preSharedKey(psk), ServerSecurity.preSharedKey(psk));
        s.mode("unauth", ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated());
        s.xsalsa(ClientSecurity.pinnedServerKey(staticKey.publicKey()), ServerSecurity.staticKey(staticKey));
        s.retry(ClientSecurity.pinnedServerKeyAndPreSharedKey(staticKey.publicKey(), psk),
                ServerSecurity.staticKeyAndPreSharedKey(staticKey, psk));
        return s.out;
    }

    private ScriptedRandom clientRandom() {
        return new ScriptedRandom().add(in.get("client-connection-id")).add(in.get("client-ephemeral-private"))
                .add(in.get("client-random"));
    }

    private ScriptedRandom serverRandom(byte[] cookieSecret) {
        return new ScriptedRandom().add(cookieSecret).add(new byte[32]).add(in.get("server-ephemeral-private"))
                .add(in.get("server-connection-id")).add(in.get("server-random"));
    }

    /** One handshake, client and server; checks that it completes. */
    private record Run(ClientHandshake client, ServerHandshake server, byte[] clientHello, byte[] serverHello) {
    }

    private static Run handshake(ClientHandshake client, ServerHandshake server) {
        byte[] hello = client.start(0);
        if (server.onDatagram(Peers.CLIENT_ADDRESS, hello, 0, hello.length, 0) != ServerHandshake.Outcome.REPLY) {
            throw new IllegalStateException("server did not answer: " + server.dropReason());
        }
        byte[] reply = server.reply();
        if (client.onDatagram(reply, 0, reply.length, 0) != ClientHandshake.Step.ESTABLISHED) {
            throw new IllegalStateException("client failed: " + client.failure());
        }
        return new Run(client, server, hello, reply);
    }

    private static byte[] transcriptHash(byte[] clientHello, byte[] serverHello) {
        byte[] unconfirmed = Arrays.copyOf(serverHello, serverHello.length - Wire.CONFIRMATION_BYTES);
        return KeySchedule.derive(new byte[32], clientHello, unconfirmed).transcriptHash();
    }

    /** The main scenario's offers and inputs in another authentication mode. */
    private void mode(String prefix, ClientSecurity clientSecurity, ServerSecurity serverSecurity) {
        Run r = handshake(new ClientHandshake(clientSecurity, Peers.REGISTRY, VectorScenario.CLIENT_PREFERENCES,
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), clientRandom()),
                new ServerHandshake(serverSecurity, Peers.REGISTRY, VectorScenario.SERVER_PREFERENCES,
                        HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), serverRandom(new byte[32]), 0));
        out.put(prefix + "-client-hello", r.clientHello);
        out.put(prefix + "-server-hello", r.serverHello);
        out.put(prefix + "-transcript-hash", transcriptHash(r.clientHello, r.serverHello));
        byte[] plaintext = keepaliveAndHello();
        out.put(prefix + "-record", seal(r.client.session().protector(), plaintext, plaintext.length));
    }

    /** A pinned-key handshake choosing xsalsa20-poly1305 and reed-solomon(4, 2), then records both ways. */
    private void xsalsa(ClientSecurity clientSecurity, ServerSecurity serverSecurity) {
        Run r = handshake(new ClientHandshake(clientSecurity, Peers.REGISTRY, XSALSA, HandshakeLimits.defaults(),
                KeyUpdatePolicy.defaults(), clientRandom()),
                new ServerHandshake(serverSecurity, Peers.REGISTRY, XSALSA, HandshakeLimits.defaults(),
                        KeyUpdatePolicy.defaults(), serverRandom(new byte[32]), 0));
        out.put("xsalsa-client-hello", r.clientHello);
        out.put("xsalsa-server-hello", r.serverHello);
        out.put("xsalsa-transcript-hash", transcriptHash(r.clientHello, r.serverHello));
        byte[] unconfirmed = Arrays.copyOf(r.serverHello, r.serverHello.length - Wire.CONFIRMATION_BYTES);
        byte[] dhEe = new byte[32];
        byte[] dhEs = new byte[32];
        KeyExchange kx = new KeyExchange();
        kx.agree(in.get("client-ephemeral-private"), Arrays.copyOfRange(r.serverHello, 19, 51), dhEe, 0);
        kx.agree(in.get("client-ephemeral-private"), ServerKeyPair.ofPrivateKey(in.get("server-static-private"))
                .publicKey().bytes(), dhEs, 0);
        KeySchedule ks = KeySchedule.derive(KeySchedule.ikm(dhEe, dhEs, null), r.clientHello, unconfirmed);
        out.put("xsalsa-c2s-key-0", TrafficSecrets.key(ks.clientToServerSecret(), 32));
        out.put("xsalsa-c2s-iv-0", TrafficSecrets.nonceBase(ks.clientToServerSecret(), 24));
        out.put("xsalsa-s2c-key-0", TrafficSecrets.key(ks.serverToClientSecret(), 32));
        out.put("xsalsa-s2c-iv-0", TrafficSecrets.nonceBase(ks.serverToClientSecret(), 24));

        RecordProtector client = r.client.session().protector();
        byte[] first = keepaliveAndHello();
        byte[] record = seal(client, first, first.length);
        out.put("xsalsa-record", record);
        if (r.server.onDatagram(Peers.CLIENT_ADDRESS, record.clone(), 0, record.length, 0)
                != ServerHandshake.Outcome.ESTABLISHED) {
            throw new IllegalStateException("server did not accept the record: " + r.server.dropReason());
        }
        fecRecord(client, (int) r.client.session().peerConnectionId());

        RecordProtector server = r.server.established().protector();
        byte[] close = new byte[Frames.CLOSE_HEADER_BYTES + CLOSE_DETAIL.length()];
        int n = Frames.writeClose(close, 0, Frames.CLOSE_NORMAL, CLOSE_DETAIL);
        out.put("xsalsa-s2c-plaintext", close);
        out.put("xsalsa-s2c-record", seal(server, close, n));
    }

    /** The client's second record: a KCP datagram holding "hi", as the FEC data shard that carries it. */
    private void fecRecord(RecordProtector protector, int conv) {
        int prefix = 16;
        int shardHeadroom = RecordHeader.LENGTH + prefix + Frames.DATA_HEADER_BYTES;
        int fecBytes = Peers.REGISTRY.fec("reed-solomon").overheadBytes(FEC.params());
        int kcpMtu = 1_400 - RecordHeader.LENGTH - prefix - Frames.DATA_HEADER_BYTES - fecBytes;
        ConnectionSettings settings = ConnectionSettings.defaults();
        KcpConfig config = KcpConfig.defaults().withMtuBytes(kcpMtu)
                .withWindows(settings.sendWindow(), settings.receiveWindow())
                .withNodelay(settings.nodelay(), settings.intervalMillis(), settings.fastResend())
                .withReservedBytes(shardHeadroom + fecBytes, 0).withTimeLossDetection(true);
        FecParams params = FEC.params();
        FecEncoder encoder = Peers.REGISTRY.fec("reed-solomon").newEncoder(params, kcpMtu, shardHeadroom, 0,
                settings.intervalMillis());
        KcpEngine kcp = new KcpEngine(conv, config, Peers.REGISTRY.congestionControl("kcp")
                .newController(config.mssBytes()), (buffer, offset, length) -> {
                    out.put("xsalsa-kcp-datagram", Arrays.copyOfRange(buffer, offset, offset + length));
                    byte[] b = Arrays.copyOf(buffer, offset + length);
                    encoder.encode(b, offset, length, 0, (shard, at, shardLength) -> {
                        out.put("xsalsa-fec-shard", Arrays.copyOfRange(shard, at, at + shardLength));
                        int plain = Frames.writeDataHeader(shard, at - Frames.DATA_HEADER_BYTES, shardLength);
                        int datagram = at - Frames.DATA_HEADER_BYTES - prefix - RecordHeader.LENGTH;
                        int sealed = protector.seal(shard, datagram, plain, 0);
                        out.put("xsalsa-fec-record", Arrays.copyOfRange(shard, datagram, datagram + sealed));
                    });
                });
        kcp.send(KCP_MESSAGE, 0, KCP_MESSAGE.length);
        kcp.flush(0);
        if (!out.containsKey("xsalsa-fec-record")) {
            throw new IllegalStateException("KCP sent nothing");
        }
    }

    /** The main scenario's handshake with a server that always demands a cookie. */
    private void retry(ClientSecurity clientSecurity, ServerSecurity serverSecurity) {
        ClientHandshake client = new ClientHandshake(clientSecurity, Peers.REGISTRY, VectorScenario.CLIENT_PREFERENCES,
                HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), clientRandom());
        ServerHandshake server = new ServerHandshake(serverSecurity, Peers.REGISTRY,
                VectorScenario.SERVER_PREFERENCES, HandshakeLimits.defaults().withAlwaysRequireCookie(true),
                KeyUpdatePolicy.defaults(), serverRandom(in.get("cookie-secret")), 0);
        byte[] first = client.start(0);
        if (server.onDatagram(Peers.CLIENT_ADDRESS, first, 0, first.length, 0) != ServerHandshake.Outcome.REPLY) {
            throw new IllegalStateException("no Retry: " + server.dropReason());
        }
        byte[] retry = server.reply();
        out.put("retry", retry);
        if (client.onDatagram(retry, 0, retry.length, 0) != ClientHandshake.Step.SEND) {
            throw new IllegalStateException("the client did not answer the Retry");
        }
        byte[] second = client.outgoing();
        out.put("retry-client-hello", second);
        if (server.onDatagram(Peers.CLIENT_ADDRESS, second, 0, second.length, 0) != ServerHandshake.Outcome.REPLY) {
            throw new IllegalStateException("server did not answer the hello with a cookie: " + server.dropReason());
        }
        byte[] serverHello = server.reply();
        out.put("retry-server-hello", serverHello);
        if (client.onDatagram(serverHello, 0, serverHello.length, 0) != ClientHandshake.Step.ESTABLISHED) {
            throw new IllegalStateException("client failed: " + client.failure());
        }
        out.put("retry-transcript-hash", transcriptHash(second, serverHello));
    }

    private static byte[] keepaliveAndHello() {
        byte[] text = VectorScenario.RECORD_TEXT;
        byte[] p = new byte[1 + Frames.DATA_HEADER_BYTES + text.length];
        int n = Frames.writeKeepalive(p, 0);
        System.arraycopy(text, 0, p, n + Frames.DATA_HEADER_BYTES, text.length);
        Frames.writeDataHeader(p, n, text.length);
        return p;
    }

    private static byte[] seal(RecordProtector protector, byte[] plaintext, int length) {
        byte[] buf = new byte[protector.overheadBytes() + length];
        System.arraycopy(plaintext, 0, buf, protector.payloadOffset(0), length);
        int n = protector.seal(buf, 0, length, 0);
        return Arrays.copyOf(buf, n);
    }
}
