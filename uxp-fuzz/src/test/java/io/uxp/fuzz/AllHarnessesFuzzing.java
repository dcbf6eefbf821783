package io.uxp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every harness behind one fuzz test, for a bounded campaign in a single JVM: Jazzer fuzzes one fuzz test per
 * JVM, and each JVM costs seconds of start-up and instrumentation, so eight forks would spend a short budget
 * starting. The first input byte picks the harness (modulo their number), the rest is that harness's input; the
 * seeds are every harness's committed seeds behind its selector byte, read from the class path. Not a test of
 * its own ({@code verify} does not run it: the harnesses run their seeds there); {@code scripts/fuzz.sh} runs it.
 * It writes the inputs each harness executed to {@code target/fuzz-inputs-per-harness.txt}.
 */
class AllHarnessesFuzzing {

    private static final List<Target> TARGETS = new ArrayList<>();

    static {
        for (String name : SeedCorpusWriter.HARNESSES) {
            TARGETS.add(new Target(name));
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void everyHarness(byte[] data) throws Throwable {
        if (data.length == 0) {
            return;
        }
        TARGETS.get((data[0] & 0xFF) % TARGETS.size()).run(Arrays.copyOfRange(data, 1, data.length));
    }

    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < TARGETS.size(); i++) {
            for (byte[] seed : TARGETS.get(i).seeds()) {
                byte[] s = new byte[seed.length + 1];
                s[0] = (byte) i;
                System.arraycopy(seed, 0, s, 1, seed.length);
                seeds.add(s);
            }
        }
        return seeds.stream();
    }

    @AfterAll
    static void writeInputCounts() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Target t : TARGETS) {
            sb.append(String.format("%-28s %12d%n", t.harness.getSimpleName(), t.runs));
        }
        Files.writeString(Path.of("target", "fuzz-inputs-per-harness.txt"), sb);
    }

    /** One harness: a fresh instance (harnesses keep scratch state in fields) and its fuzz test method. */
    private static final class Target {
        final Class<?> harness;
        final Method method;
        final Object instance;
        long runs;

        Target(String name) {
            try {
                harness = Class.forName(name);
                method = Arrays.stream(harness.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(FuzzTest.class)).findFirst().orElseThrow();
                method.setAccessible(true);
                var constructor = harness.getDeclaredConstructor();
                constructor.setAccessible(true);
                instance = constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot set up harness " + name, e);
            }
        }

        void run(byte[] input) throws Throwable {
            runs++;
            try {
                method.invoke(instance, (Object) input);
            } catch (InvocationTargetException e) {
                throw e.getCause(); // the harness's own finding, not the reflective wrapper
            }
        }

        /** @return the committed seeds of this harness, from its inputs directory on the class path */
        List<byte[]> seeds() {
            String dir = harness.getSimpleName() + "Inputs/" + method.getName();
            URL url = harness.getResource(dir);
            if (url == null) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                List<byte[]> out = new ArrayList<>();
                for (Path f : files.sorted().toList()) {
                    out.add(Files.readAllBytes(f));
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
