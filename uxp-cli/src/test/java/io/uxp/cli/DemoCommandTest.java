package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    private static String field(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
        assertThat(m.find()).as("field " + key + " in " + json).isTrue();
        return m.group(1).replace("\"", "");
    }

    @Test
    void aDemoTransferPrintsOneJsonObjectWithEqualHashesAndExitsZero() {
        CommandResult r = CommandResult.run("demo", "--bytes", "4MiB", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json).startsWith("{").endsWith("}").doesNotContain("\n");
        assertThat(field(json, "ok")).isEqualTo("true");
        assertThat(field(json, "bytes")).isEqualTo(String.valueOf(4 << 20));
        assertThat(field(json, "sha256Sent")).hasSize(64).isEqualTo(field(json, "sha256Received"));
        assertThat(field(json, "cipher")).isEqualTo("chacha20-poly1305");
    }

    @Test
    void underTenPercentLossFecRecoversPackets() {
        CommandResult r = CommandResult.run("demo", "--bytes", "2MiB", "--loss", "10%", "--fec", "10,3", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(field(json, "sha256Sent")).isEqualTo(field(json, "sha256Received"));
        assertThat(json).contains("\"fec\":{\"name\":\"reed-solomon\",\"dataShards\":10,\"parityShards\":3}")
                .contains("\"impairment\":{\"loss\":0.100,\"delayMillis\":0.000,\"jitterMillis\":0.000,"
                        + "\"reorder\":0.000,\"duplicate\":0.000,\"corrupt\":0.000}");
        assertThat(Long.parseLong(field(json, "fecRecoveries"))).isPositive();
        assertThat(json).containsPattern("\"client->upstream\":\\{\"received\":\\d+,\"forwarded\":\\d+,"
                + "\"dropped\":[1-9]");
    }

    @Test
    void anEmptyTransferPrintsNoPlaceholderRtt() {
        CommandResult r = CommandResult.run("demo", "--bytes", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("-1").contains("RTT (srtt)      not measured");
        CommandResult json = CommandResult.run("demo", "--bytes", "0", "--json");
        assertThat(json.out()).contains("\"rttP50Millis\":null,\"rttP99Millis\":null,\"rttSamples\":0")
                .contains("\"fec\":{\"name\":\"none\"}").contains("\"impairment\":null");
    }

    @Test
    void theHumanSummaryNamesTheSuiteAndTheResult() {
        CommandResult r = CommandResult.run("demo", "--bytes", "1MiB", "--cipher", "xsalsa20-poly1305");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: SHA-256 of received bytes matches").contains("cipher xsalsa20-poly1305")
                .contains("MiB/s").contains("RTT (srtt)").contains("FEC recoveries");
    }
}
