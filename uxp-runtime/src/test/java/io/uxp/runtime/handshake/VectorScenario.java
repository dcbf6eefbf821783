package io.uxp.runtime.handshake;

import io.uxp.api.spi.CipherProvider;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.FecOffer;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.record.Frames;
import io.uxp.runtime.record.RecordProtector;
import io.uxp.runtime.record.TrafficSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake of docs/PROTOCOL.md's test vectors, run through this implementation from the document's
 * inputs: returns every output the document lists, by vector name.
 */
final class VectorScenario {

    static final ProviderPreferences CLIENT_PREFERENCES = new ProviderPreferences(
            List.of("chacha20-poly1305", "xsalsa20-poly1305"), List.of(FecOffer.NONE, FecOffer.of("reed-solomon", 10, 3)),
            List.of("kcp", "fixed"));
    static final ProviderPreferences SERVER_PREFERENCES = CLIENT_PREFERENCES;
    /** The record's plaintext: KEEPALIVE, then DATA "hello". */
    static final byte[] RECORD_TEXT = "hello".getBytes(StandardCharsets.US_ASCII);

    private VectorScenario() {
    }

    static Map<String, byte[]> run(Map<String, byte[]> in) {
        ServerKeyPair staticKey = ServerKeyPair.ofPrivateKey(in.get("server-static-private"));
        PreSharedKey psk = PreSharedKey.of(in.get("psk"));
        ScriptedRandom clientRandom = new ScriptedRandom().add(in.get("client-connection-id"))
                .add(in.get("client-ephemeral-private")).add(in.get("client-random"));
        ScriptedRandom serverRandom = new ScriptedRandom().add(new byte[32]).add(new byte[32])
                .add(in.get("server-ephemeral-private")).add(in.get("server-connection-id"))
                .add(in.get("server-random"));
        ClientHandshake client = new ClientHandshake(
                ClientSecurity.pinnedServerKeyAndPreSharedKey(staticKey.publicKey(), psk), Peers.REGISTRY,
                CLIENT_PREFERENCES, HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(), clientRandom);
        ServerHandshake server = new ServerHandshake(ServerSecurity.staticKeyAndPreSharedKey(staticKey, psk),
                Peers.REGISTRY, SERVER_PREFERENCES, HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(),
                serverRandom, 0);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("server-static-public", staticKey.publicKey().bytes());

        byte[] clientHello = client.start(0);
        out.put("client-hello", clientHello);
        if (server.onDatagram(Peers.CLIENT_ADDRESS, clientHello, 0, clientHello.length, 0)
                != ServerHandshake.Outcome.REPLY) {
            throw new IllegalStateException("server did not answer: " + server.dropReason());
        }
        byte[] serverHello = server.reply();
        out.put("server-hello", serverHello);
        if (client.onDatagram(serverHello, 0, serverHello.length, 0) != ClientHandshake.Step.ESTABLISHED) {
            throw new IllegalStateException("client failed: " + client.failure());
        }
        if (!clientRandom.exhausted() || !serverRandom.exhausted()) {
            throw new IllegalStateException("the implementation drew a different number of random values");
        }
        // The key schedule's intermediate values, recomputed the implementation's way.
        byte[] dhEe = new byte[32];
        byte[] dhEs = new byte[32];
        KeyExchange kx = new KeyExchange();
        kx.agree(in.get("client-ephemeral-private"), Arrays.copyOfRange(serverHello, 19, 51), dhEe, 0);
        kx.agree(in.get("client-ephemeral-private"), staticKey.publicKey().bytes(), dhEs, 0);
        byte[] unconfirmed = Arrays.copyOf(serverHello, serverHello.length - Wire.CONFIRMATION_BYTES);
        KeySchedule ks = KeySchedule.derive(KeySchedule.ikm(dhEe, dhEs, psk.bytes()), clientHello, unconfirmed);
        out.put("dh-ee", dhEe);
        out.put("dh-es", dhEs);
        out.put("transcript-hash", ks.transcriptHash());
        out.put("confirmation", ks.confirmation());
        out.put("c2s-secret-0", ks.clientToServerSecret());
        out.put("s2c-secret-0", ks.serverToClientSecret());
        CipherProvider cipher = Peers.REGISTRY.cipher(client.session().suite().cipher());
        out.put("c2s-key-0", TrafficSecrets.key(ks.clientToServerSecret(), cipher.keyBytes()));
        out.put("c2s-iv-0", TrafficSecrets.nonceBase(ks.clientToServerSecret(), cipher.nonceBytes()));
        out.put("s2c-key-0", TrafficSecrets.key(ks.serverToClientSecret(), cipher.keyBytes()));
        out.put("s2c-iv-0", TrafficSecrets.nonceBase(ks.serverToClientSecret(), cipher.nonceBytes()));
        out.put("c2s-secret-1", TrafficSecrets.next(ks.clientToServerSecret()));

        RecordProtector protector = client.session().protector();
        byte[] buf = new byte[128];
        int p = protector.payloadOffset(0);
        int n = Frames.writeKeepalive(buf, p);
        System.arraycopy(RECORD_TEXT, 0, buf, p + n + Frames.DATA_HEADER_BYTES, RECORD_TEXT.length);
        n += Frames.writeDataHeader(buf, p + n, RECORD_TEXT.length);
        out.put("record-plaintext", Arrays.copyOfRange(buf, p, p + n));
        int len = protector.seal(buf, 0, n, 0);
        byte[] record = Arrays.copyOf(buf, len);
        out.put("record", record);
        if (server.onDatagram(Peers.CLIENT_ADDRESS, record.clone(), 0, len, 0) != ServerHandshake.Outcome.ESTABLISHED) {
            throw new IllegalStateException("server did not accept the record: " + server.dropReason());
        }
        return out;
    }
}
