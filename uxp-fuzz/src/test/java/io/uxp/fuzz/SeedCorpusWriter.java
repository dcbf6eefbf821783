package io.uxp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes each harness's seed corpus, recorded from real exchanges by the harness's own {@code seeds()}, into the
 * directory jazzer-junit reads: {@code src/test/resources/<package>/<Class>Inputs/<fuzz test method>/}. Runs only
 * when asked, because it writes into the source tree:
 * {@code ./mvnw -o -pl uxp-fuzz test -Dtest=SeedCorpusWriter -Duxp.fuzz.writeSeeds=true}. The seeds are
 * deterministic (fixed keys, randoms and clocks), so rewriting them changes nothing unless a wire format did.
 */
class SeedCorpusWriter {

    /** Every harness; each has a {@code static Map<String, byte[]> seeds()} and one {@code @FuzzTest}. */
    static final List<String> HARNESSES = List.of(
            "io.uxp.runtime.handshake.ClientHelloFuzzTest",
            "io.uxp.runtime.handshake.ServerReplyFuzzTest",
            "io.uxp.runtime.handshake.CookieFuzzTest",
            "io.uxp.runtime.handshake.ServerDispatchFuzzTest",
            "io.uxp.runtime.record.RecordOpenFuzzTest",
            "io.uxp.runtime.record.FramesFuzzTest",
            "io.uxp.kcp.KcpInputFuzzTest",
            "io.uxp.fec.shard.ShardDecoderFuzzTest");

    @Test
    @EnabledIfSystemProperty(named = "uxp.fuzz.writeSeeds", matches = "true")
    void writeEverySeedCorpus() throws Exception {
        Path resources = Path.of("src", "test", "resources");
        for (String name : HARNESSES) {
            Class<?> harness = Class.forName(name);
            Path dir = resources.resolve(harness.getPackageName().replace('.', '/'))
                    .resolve(harness.getSimpleName() + "Inputs").resolve(fuzzTestMethod(harness).getName());
            Method seeds = harness.getDeclaredMethod("seeds");
            seeds.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, byte[]> corpus = (Map<String, byte[]>) seeds.invoke(null);
            write(dir, corpus);
        }
    }

    private static Method fuzzTestMethod(Class<?> harness) {
        for (Method m : harness.getDeclaredMethods()) {
            if (m.isAnnotationPresent(FuzzTest.class)) {
                return m;
            }
        }
        throw new IllegalStateException(harness + " has no @FuzzTest");
    }

    private static void write(Path dir, Map<String, byte[]> corpus) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : corpus.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
        System.out.println("wrote " + corpus.size() + " seeds to " + dir);
    }
}
