package io.uxp.crypto.salsa;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.api.spi.CipherProvider;
import io.uxp.api.spi.ProviderRegistry;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The provider is found through the SPI on the module path and, via META-INF/services, on the class path. */
class XSalsa20Poly1305DiscoveryTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @Test
    void theRegistryFindsXSalsa20Poly1305InItsModuleOnTheModulePath() {
        assertThat(XSalsa20Poly1305Provider.class.getModule().isNamed()).as("tests run on the module path").isTrue();

        CipherProvider cipher = ProviderRegistry.load().cipher("xsalsa20-poly1305");

        assertThat(cipher).isInstanceOf(XSalsa20Poly1305Provider.class);
        assertThat(ProviderRegistry.origin(cipher)).isEqualTo("io.uxp.crypto.salsa");
        assertThat(cipher.keyBytes()).isEqualTo(32);
        assertThat(cipher.nonceBytes()).isEqualTo(24);
        assertThat(cipher.prefixBytes()).isEqualTo(16);
        assertThat(cipher.suffixBytes()).isZero();
    }

    @Test
    void aJvmWithEverythingOnTheClassPathFindsXSalsa20Poly1305ThroughMetaInfServices()
            throws IOException, InterruptedException, URISyntaxException {
        List<String> classPath = new ArrayList<>(List.of(
                System.getProperty("jdk.module.path").split(File.pathSeparator)));
        classPath.add(Path.of(ClassPathProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, classPath),
                ClassPathProbe.class.getName()).redirectErrorStream(true).start();

        boolean exited = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("child exited within %d s", CHILD_TIMEOUT_SECONDS).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("cipher xsalsa20-poly1305 [class path");
    }
}
