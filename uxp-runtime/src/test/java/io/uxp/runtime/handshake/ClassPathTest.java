package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime and the providers also work for class-path users (META-INF/services, no module graph). */
class ClassPathTest {

    @Test
    void aHandshakeCompletesInAChildJvmWithEverythingOnTheClassPath() throws Exception {
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("this test runs on the module path").isNotBlank();
        Path testClasses = Path.of("target", "test-classes");
        assertThat(Files.isDirectory(testClasses)).isTrue();
        String classPath = testClasses.toAbsolutePath() + File.pathSeparator + modulePath;
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", classPath, ClassPathProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("child JVM exited").isTrue();
        assertThat(output).contains("module false step ESTABLISHED suite chacha20-poly1305 / none / kcp");
    }
}
