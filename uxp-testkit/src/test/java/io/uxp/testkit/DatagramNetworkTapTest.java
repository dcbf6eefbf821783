package io.uxp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatagramNetworkTapTest {

    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.1", 1);
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 2);
    private static final InetSocketAddress C = new InetSocketAddress("192.0.2.3", 3);

    @Test
    void aTapSeesEachDatagramAsSentAndItsOwnCopyFromAnotherAddressArrivesAsWell() {
        DatagramNetwork network = new DatagramNetwork(1, s -> LinkSimulator.builder().seed(s).delay(5, 5).build());
        List<String> atB = new ArrayList<>();
        network.attach(B, (from, buf, off, len) -> atB.add(from + " " + len));
        List<String> seen = new ArrayList<>();
        network.tap((from, to, buf, off, len, nowMicros) -> {
            seen.add(from + ">" + to + " " + len + " @" + nowMicros);
            if (from.equals(A)) {
                network.send(C, to, buf, off, len, nowMicros);
            }
        });

        network.send(A, B, new byte[10], 0, 3, 1_000);
        network.deliverDue(6_000);

        assertThat(seen).containsExactly(A + ">" + B + " 3 @1000", C + ">" + B + " 3 @1000");
        assertThat(atB).containsExactlyInAnyOrder(A + " 3", C + " 3");
    }
}
