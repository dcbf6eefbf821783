package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void theMatrixHasOneVerifiedRowPerCipherFecAndLoss() {
        CommandResult r = CommandResult.run("bench", "--bytes", "64KiB", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String json = r.out().strip();
        assertThat(json).startsWith("[{").endsWith("}]");
        // 2 built-in ciphers x FEC off/on x 4 loss rates
        assertThat(count(json, "\"ok\":true")).isEqualTo(16);
        assertThat(count(json, "\"cipher\":\"xsalsa20-poly1305\"")).isEqualTo(8);
        assertThat(count(json, "\"fec\":\"reed-solomon (10,3)\"")).isEqualTo(8);
        assertThat(count(json, "\"loss\":0.100")).isEqualTo(4);
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
