package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(count(json, "\"fec\":{\"name\":\"reed-solomon\",\"dataShards\":10,\"parityShards\":3}"))
                .isEqualTo(8);
        // the cell's loss, and the impairment's
        assertThat(count(json, "\"impairment\":{\"loss\":0.100,")).isEqualTo(4);
        assertThat(count(json, "\"loss\":0.100")).isEqualTo(8);
    }

    @Test
    void theTableKeepsItsColumnsAlignedWhateverTheFecNamesLength() {
        CommandResult r = CommandResult.run("bench", "--bytes", "16KiB");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = r.out().lines().skip(1).toList();
        assertThat(rows).hasSize(17);
        int loss = rows.get(0).indexOf("loss");
        int result = rows.get(0).indexOf("result");
        for (String row : rows.subList(1, rows.size())) {
            // the loss column ends with '%' under the header's "loss"; the result starts under "result"
            assertThat(row.charAt(loss + 3)).as(row).isEqualTo('%');
            assertThat(row.substring(result)).as(row).isEqualTo("ok");
        }
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
