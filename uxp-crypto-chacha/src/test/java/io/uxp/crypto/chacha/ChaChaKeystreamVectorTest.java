package io.uxp.crypto.chacha;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;

/**
 * {@link ChaChaKeystreamTest} with the Vector API's lanes. The module's tests run with the incubator module resolved
 * (its surefire {@code argLine}), so {@code auto} must choose them on this CPU: a JVM where it does not fails here
 * rather than testing the other kind twice.
 */
class ChaChaKeystreamVectorTest extends ChaChaKeystreamTest {

    @Override
    Lanes lanes() {
        return Lanes.VECTOR;
    }

    @Example
    void autoChoosesTheVectorLanesWhenTheModuleIsResolvedAndTheCpuHasThem() {
        assertThat(ChaChaVectorLanes.hardwareHasLanes()).as("256-bit integer vectors on this CPU").isTrue();
        assertThat(Lanes.select()).isEqualTo(Lanes.VECTOR);
    }
}
