package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void durationsParseWithTheirUnits() {
        assertThat(Args.duration("10ms")).isEqualTo(Duration.ofMillis(10));
        assertThat(Args.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Args.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Args.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Args.duration("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Args.duration("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithBothReadings() {
        assertThatThrownBy(() -> Args.duration("5")).hasMessageContaining("no unit; write 5s or 5ms");
    }

    @Test
    void durationsPrintTheWayTheyParse() {
        for (String text : new String[] {"10ms", "2s", "250us", "1500ms"}) {
            assertThat(Args.print(Args.duration(text))).isEqualTo(text);
        }
    }

    @Test
    void aDurationWithoutANumberIsRefusedWithAnExample() {
        assertThatThrownBy(() -> Args.duration("fast")).hasMessageContaining("10ms");
        assertThatThrownBy(() -> Args.duration("-5ms")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteCountsUseBinaryAndDecimalUnits() {
        assertThat(Args.bytes("1000")).isEqualTo(1000);
        assertThat(Args.bytes("4MiB")).isEqualTo(4L * 1024 * 1024);
        assertThat(Args.bytes("64MiB")).isEqualTo(64L * 1024 * 1024);
        assertThat(Args.bytes("10MB")).isEqualTo(10_000_000L);
        assertThat(Args.bytes("1GiB")).isEqualTo(1L << 30);
        assertThat(Args.bytes("1.5KiB")).isEqualTo(1536);
        assertThat(Args.bytes("2k")).isEqualTo(2048);
        assertThatThrownBy(() -> Args.bytes("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentagesBecomeFractionsWithOrWithoutTheSign() {
        assertThat(Args.percent("5%")).isEqualTo(0.05);
        assertThat(Args.percent("10")).isEqualTo(0.10);
        assertThat(Args.percent("0.5%")).isEqualTo(0.005);
        assertThatThrownBy(() -> Args.percent("101%")).hasMessageContaining("0..100");
        assertThatThrownBy(() -> Args.percent("x%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endpointsParseHostAndPortIncludingBracketedIpv6() {
        assertThat(Args.endpoint("127.0.0.1:9000")).isEqualTo(new InetSocketAddress("127.0.0.1", 9000));
        assertThat(Args.endpoint("[::1]:9000").getPort()).isEqualTo(9000);
        assertThat(Args.endpoint("[::1]:9000").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> Args.endpoint("127.0.0.1")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> Args.endpoint("127.0.0.1:70000")).hasMessageContaining("outside 0..65535");
    }
}
