package io.uxp.runtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.ClassPathJvm;
import org.junit.jupiter.api.Test;

/**
 * The runtime and the providers also work for class-path users (META-INF/services, no module graph), and the
 * default congestion control {@code bbr} is found there too.
 */
class ClassPathTest {

    @Test
    void aHandshakeCompletesInAChildJvmWithEverythingOnTheClassPath() throws Exception {
        ClassPathJvm.Result result = ClassPathJvm.run(ClassPathProbe.class.getName());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("module false step ESTABLISHED suite chacha20-poly1305 / none / bbr");
    }
}
