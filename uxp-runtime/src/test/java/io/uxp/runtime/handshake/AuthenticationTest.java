package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.DropReason;
import io.uxp.api.HandshakeException.Reason;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerSecurity;
import io.uxp.runtime.record.RecordHeader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

    private static final ServerKeyPair REAL = ServerKeyPair.generate(new SplittableRandom(1));
    private static final ServerKeyPair ATTACKER = ServerKeyPair.generate(new SplittableRandom(2));
    private static final PreSharedKey PSK = PreSharedKey.generate(new SplittableRandom(3));
    private static final PreSharedKey OTHER_PSK = PreSharedKey.generate(new SplittableRandom(4));

    @Test
    void aManInTheMiddleWithItsOwnKeysFailsAgainstAPinnedServerKey() {
        // The attacker answers the client itself, with fresh ephemeral keys and a static key of its own.
        Peers p = new Peers(ClientSecurity.pinnedServerKey(REAL.publicKey()), ServerSecurity.staticKey(ATTACKER));

        ClientHandshake.Step step = p.settle(p.toClient(replyTo(p, p.client.start(p.now))));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(p.client.failure()).hasMessageContaining(REAL.publicKey().toString())
                .hasMessageContaining("man in the middle");
        assertThat(p.client.session()).isNull();
    }

    @Test
    void aManInTheMiddleRelayingTheHelloWithItsOwnEphemeralKeyFailsAgainstAPinnedServerKey() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(REAL.publicKey()), ServerSecurity.staticKey(REAL));
        byte[] hello = p.client.start(p.now);
        // The attacker swaps in its own ephemeral public key (offset 11) and relays to the real server.
        byte[] attackerKey = ServerKeyPair.generate(new SplittableRandom(77)).publicKey().bytes();
        System.arraycopy(attackerKey, 0, hello, 11, attackerKey.length);

        ClientHandshake.Step step = p.settle(p.toClient(replyTo(p, hello)));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void aManInTheMiddlePosingAsAnUnauthenticatedServerIsRefusedByAPinningClient() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(REAL.publicKey()), ServerSecurity.unauthenticated());

        ClientHandshake.Step step = p.settle(p.toClient(replyTo(p, p.client.start(p.now))));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void theRealServerPassesThePin() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(REAL.publicKey()), ServerSecurity.staticKey(REAL));
        assertThat(p.completes()).isTrue();
    }

    @Test
    void aWrongPreSharedKeyFailsTheClientWithAClearError() {
        Peers p = new Peers(ClientSecurity.preSharedKey(OTHER_PSK), ServerSecurity.preSharedKey(PSK));

        ClientHandshake.Step step = p.settle(p.toClient(replyTo(p, p.client.start(p.now))));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(p.client.failure()).hasMessageContaining("different pre-shared keys");
    }

    @Test
    void theServerDropsAndCountsARecordFromAClientWithTheWrongPreSharedKey() {
        Peers p = new Peers(ClientSecurity.preSharedKey(OTHER_PSK), ServerSecurity.preSharedKey(PSK));
        byte[] sh = replyTo(p, p.client.start(p.now));
        long serverId = new WireReader(sh, 3, 8).u64();
        // A peer without the server's key can only guess: here, a record sealed under keys of its own.
        Peers mine = new Peers(ClientSecurity.preSharedKey(OTHER_PSK), ServerSecurity.preSharedKey(OTHER_PSK));
        assertThat(mine.completes()).isTrue();
        byte[] record = mine.clientKeepalive();
        RecordHeader.write(record, 0, 0, serverId, RecordHeader.packetNumber(record, 0));

        assertThat(p.toServer(record)).isEqualTo(ServerHandshake.Outcome.DROPPED);
        assertThat(p.server.dropReason()).isEqualTo(DropReason.AUTHENTICATION_FAILED);
        assertThat(p.server.drops(DropReason.AUTHENTICATION_FAILED)).isEqualTo(1);
        assertThat(p.server.isPending(serverId)).isTrue();
    }

    @Test
    void theRightPreSharedKeyCompletes() {
        assertThat(new Peers(ClientSecurity.preSharedKey(PSK), ServerSecurity.preSharedKey(PSK)).completes()).isTrue();
    }

    @Test
    void aClientWithoutThePreSharedKeyIsToldTheServerRequiresOne() {
        Peers p = new Peers(ClientSecurity.pinnedServerKey(REAL.publicKey()),
                ServerSecurity.staticKeyAndPreSharedKey(REAL, PSK));

        ClientHandshake.Step step = p.settle(p.toClient(replyTo(p, p.client.start(p.now))));

        assertThat(step).isEqualTo(ClientHandshake.Step.FAILED);
        assertThat(p.client.failure().reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(p.client.failure()).hasMessageContaining("requires a pre-shared key");
    }

    @Test
    void unauthenticatedModeWorksOnlyWhenBothSidesChoseIt() {
        assertThat(new Peers(ClientSecurity.unauthenticated(), ServerSecurity.unauthenticated()).completes()).isTrue();
        assertThat(new Peers(ClientSecurity.unauthenticated(), ServerSecurity.staticKey(REAL)).completes()).isTrue();
        assertThat(new Peers(ClientSecurity.unauthenticated(), ServerSecurity.preSharedKey(PSK)).completes()).isFalse();
    }

    private static byte[] replyTo(Peers p, byte[] hello) {
        assertThat(p.toServer(hello)).isEqualTo(ServerHandshake.Outcome.REPLY);
        return p.server.reply();
    }
}
