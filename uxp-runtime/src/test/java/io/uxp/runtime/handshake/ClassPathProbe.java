package io.uxp.runtime.handshake;

import io.uxp.api.spi.ProviderRegistry;
import io.uxp.runtime.ClientSecurity;
import io.uxp.runtime.HandshakeLimits;
import io.uxp.runtime.KeyUpdatePolicy;
import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ProviderPreferences;
import io.uxp.runtime.ServerSecurity;
import java.util.SplittableRandom;

/** Run in a child JVM on the class path: completes one handshake with the providers ServiceLoader finds there. */
public final class ClassPathProbe {

    private ClassPathProbe() {
    }

    public static void main(String[] args) {
        ProviderRegistry registry = ProviderRegistry.load();
        PreSharedKey psk = PreSharedKey.generate(new SplittableRandom(1));
        ClientHandshake client = new ClientHandshake(ClientSecurity.preSharedKey(psk), registry,
                ProviderPreferences.defaults(), HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(),
                new SplittableRandom(2));
        ServerHandshake server = new ServerHandshake(ServerSecurity.preSharedKey(psk), registry,
                ProviderPreferences.defaults(), HandshakeLimits.defaults(), KeyUpdatePolicy.defaults(),
                new SplittableRandom(3), 0);
        byte[] hello = client.start(0);
        server.onDatagram(Peers.CLIENT_ADDRESS, hello, 0, hello.length, 0);
        byte[] reply = server.reply();
        ClientHandshake.Step step = client.onDatagram(reply, 0, reply.length, 0);
        System.out.println("module " + ClassPathProbe.class.getModule().isNamed() + " step " + step + " suite "
                + (client.session() == null ? "none" : client.session().suite()));
    }
}
