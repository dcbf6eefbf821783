package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {

    @Test
    void listsEveryBuiltInProviderWithItsOrigin() {
        CommandResult r = CommandResult.run("providers");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("cipher\\s+chacha20-poly1305\\s+\\S+")
                .containsPattern("cipher\\s+xsalsa20-poly1305\\s+\\S+")
                .containsPattern("fec\\s+reed-solomon\\s+\\S+")
                .containsPattern("congestion-control\\s+kcp\\s+\\S+")
                .containsPattern("congestion-control\\s+fixed\\s+\\S+");
    }

    @Test
    void theColumnsAreAlignedWhateverTheNamesLength() {
        List<String> rows = CommandResult.run("providers").out().lines().filter(l -> !l.startsWith("warning")).toList();
        int module = rows.get(0).indexOf("MODULE");
        int name = rows.get(0).indexOf("NAME");
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.charAt(name - 1)).as(row).isEqualTo(' ');
            assertThat(row.charAt(name)).as(row).isNotEqualTo(' ');
            assertThat(row.substring(module)).as(row).startsWith("io.uxp.");
        }
    }

    @Test
    void everyCommandHasHelpAndItsTextFormatsCleanly() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"demo", "server", "client", "keygen", "providers", "relay", "bench"}) {
                CommandResult r = CommandResult.run(command, "--help");
                assertThat(r.exitCode()).as(command).isZero();
                assertThat(r.out()).as(command).contains("Usage: uxp " + command);
            }
        } finally {
            System.setErr(stderr);
        }
        // picocli reports a description it cannot format (an unescaped %) on System.err
        assertThat(picocliWarnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
