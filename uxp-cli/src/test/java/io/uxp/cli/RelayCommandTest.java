package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayCommandTest {

    @Test
    void runsForItsDurationAndReportsBothDirections() {
        CommandResult r = CommandResult.run("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:9",
                "--loss", "5%", "--delay", "10ms", "--seed", "4", "--duration", "100ms");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("seed 4").contains("loss 5.00%")
                .contains("client->upstream: received 0").contains("upstream->client: received 0");
    }

    @Test
    void rebindingIsAnnouncedAndReported() {
        CommandResult r = CommandResult.run("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:9",
                "--rebind-every", "20ms", "--duration", "100ms");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("rebinding upstream ports every 20 ms").contains("upstream rebinds: ");
    }

    @Test
    void aZeroRebindPeriodIsRefused() {
        CommandResult r = CommandResult.run("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:9",
                "--rebind-every", "0ms", "--duration", "100ms");
        assertThat(r.exitCode()).isEqualTo(Main.Exit.USAGE);
        assertThat(r.err()).contains("--rebind-every': '0ms' must be more than zero");
    }

    @Test
    void aBadPercentageIsRefusedWithTheRule() {
        CommandResult r = CommandResult.run("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:9",
                "--loss", "150%");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("0..100");
    }
}
