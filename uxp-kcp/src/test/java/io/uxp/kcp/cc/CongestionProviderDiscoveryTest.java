package io.uxp.kcp.cc;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CongestionControlProvider;
import io.uxp.api.spi.ProviderKind;
import io.uxp.api.spi.ProviderRegistry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both congestion-control providers are found by the registry, on the module path and on the class path. */
class CongestionProviderDiscoveryTest {

    @Test
    void theRegistryFindsKcpAndFixedOnTheModulePath() {
        assertThat(getClass().getModule().getName()).isEqualTo("io.uxp.kcp");
        ProviderRegistry registry = ProviderRegistry.load();

        assertThat(registry.names(ProviderKind.CONGESTION_CONTROL)).contains("kcp", "fixed");
        CongestionControlProvider kcp = registry.congestionControl("kcp");
        assertThat(ProviderRegistry.origin(kcp)).isEqualTo("io.uxp.kcp");
        assertThat(kcp.newController(1376).congestionWindow()).isEqualTo(1);
        assertThat(registry.congestionControl("fixed").newController(1376).congestionWindow())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(registry.conflicts()).isEmpty();
    }

    @Test
    void theRegistryFindsKcpAndFixedOnTheClassPath() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("tests run on the module path").isNotBlank();
        List<String> entries = new ArrayList<>(List.of(modulePath.split(File.pathSeparator)));
        // the probe class itself: surefire patches test classes into the module, so add their directory
        entries.add(Path.of(System.getProperty("basedir", "."), "target", "test-classes").toString());
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = Files.createTempFile("uxp-kcp-probe", ".txt");
        try {
            Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, entries),
                    ClassPathProbe.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(exited).as("probe finished: %s", output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("probe module named: false")
                    .containsPattern("congestion control kcp \\[class path \\(.*uxp-kcp.*\\)\\]")
                    .containsPattern("congestion control fixed \\[class path \\(.*uxp-kcp.*\\)\\]");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
