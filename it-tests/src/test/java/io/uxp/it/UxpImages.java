package io.uxp.it;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * Builds the {@link UxpVariant} images {@code FROM scratch}: a jlink runtime plus the few glibc files the JVM
 * links against, copied from this host, so no registry is involved. An image's tag is a hash of what goes into it
 * (the jars' entries, not their timestamps; the module list; the JDK; the host libraries; the Dockerfile), so an
 * image is built once and reused by every later run until one of those changes. The entry point is {@code uxp}: a
 * container's command is the CLI's arguments.
 */
final class UxpImages {

    /** What the linked JVM needs from the C library (ldd on bin/java and lib/*.so, Debian 12). */
    private static final List<String> HOST_LIBRARIES = List.of(
            "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libz.so.1",
            "/lib/x86_64-linux-gnu/libgcc_s.so.1", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libdl.so.2", "/lib/x86_64-linux-gnu/libpthread.so.0",
            "/lib/x86_64-linux-gnu/librt.so.1", "/lib64/ld-linux-x86-64.so.2");
    /** Hex digits of the content hash in an image tag. */
    private static final int TAG_HEX_DIGITS = 16;

    private static final Map<UxpVariant, DockerImageName> BUILT = new EnumMap<>(UxpVariant.class);

    private UxpImages() {
    }

    /**
     * @param variant which image
     * @return its name, built now unless an image with the same content hash exists already
     */
    static synchronized DockerImageName image(UxpVariant variant) throws IOException, InterruptedException {
        DockerImageName known = BUILT.get(variant);
        if (known != null) {
            return known;
        }
        String dockerfile = dockerfile(variant);
        DockerImageName name = DockerImageName.parse(variant.repository()).withTag(contentHash(variant, dockerfile));
        long start = System.nanoTime();
        boolean reused = exists(name);
        if (!reused) {
            build(variant, name, dockerfile);
        }
        System.out.printf("[images] %s %s in %.1f s%n", name.asCanonicalNameString(), reused ? "reused" : "built",
                (System.nanoTime() - start) / 1e9);
        BUILT.put(variant, name);
        return name;
    }

    /** @return the module path every image is linked from: the CLI's modules, the CLI and the example cipher */
    static List<Path> modulePath() throws IOException {
        Path cliTarget = Path.of(System.getProperty("uxp.cli.target", "../uxp-cli/target"));
        List<Path> jars = new ArrayList<>(jars(cliTarget.resolve("modules"), ".*\\.jar"));
        jars.addAll(jars(cliTarget, "uxp-cli-[^-]*(-SNAPSHOT)?\\.jar"));
        Path example = Path.of(System.getProperty("uxp.example.cipher.target",
                "../examples/cipher-aes-gcm/target"));
        jars.addAll(jars(example, "uxp-example-cipher-aes-gcm-[^-]*(-SNAPSHOT)?\\.jar"));
        return jars;
    }

    private static List<Path> jars(Path dir, String pattern) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no " + dir + ": build the reactor (./mvnw verify -pl it-tests -am) "
                    + "rather than it-tests alone");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no jar matching " + pattern + " in " + dir);
            }
            return found;
        }
    }

    private static String dockerfile(UxpVariant variant) {
        StringBuilder text = new StringBuilder("FROM scratch\nCOPY runtime /opt/uxp\n");
        if (variant == UxpVariant.CLASS_PATH) {
            text.append("COPY lib /opt/uxp-lib\n");
        }
        for (String lib : HOST_LIBRARIES) {
            if (Files.exists(Path.of(lib))) {
                text.append("COPY host/").append(Path.of(lib).getFileName()).append(' ').append(lib).append('\n');
            }
        }
        // no /tmp in a scratch image: the JVM's perf data file is not needed; exec form, as there is no shell
        text.append(variant == UxpVariant.CLASS_PATH
                ? "ENTRYPOINT [\"/opt/uxp/bin/java\", \"-XX:-UsePerfData\", \"-cp\", \"/opt/uxp-lib/*\", "
                        + "\"io.uxp.cli.Main\"]\n"
                : "ENTRYPOINT [\"/opt/uxp/bin/java\", \"-XX:-UsePerfData\", \"-m\", \"io.uxp.cli/io.uxp.cli.Main\"]\n");
        return text.toString();
    }

    private static boolean exists(DockerImageName name) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(name.asCanonicalNameString()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static void build(UxpVariant variant, DockerImageName name, String dockerfile)
            throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("uxp.build.dir", "target"), "images", variant.name().toLowerCase());
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Path runtime = dir.resolve("runtime");
        ImageFromDockerfile image = new ImageFromDockerfile(name.asCanonicalNameString(), false)
                .withFileFromPath("runtime", runtime);
        if (variant == UxpVariant.CLASS_PATH) {
            jlink(runtime, List.of(), jdkModules(variant));
            Path lib = Files.createDirectories(dir.resolve("lib"));
            for (Path jar : modulePath()) {
                if (!jar.getFileName().toString().startsWith("uxp-example-")) {
                    Files.copy(jar, lib.resolve(jar.getFileName()));
                }
            }
            image.withFileFromPath("lib", lib);
        } else {
            jlink(runtime, modulePath(), variant.modules());
        }
        for (String lib : HOST_LIBRARIES) {
            if (Files.exists(Path.of(lib))) {
                image.withFileFromPath("host/" + Path.of(lib).getFileName(), Path.of(lib));
            }
        }
        image.withFileFromString("Dockerfile", dockerfile);
        // builds it (the name is kept: deleteOnExit false), or throws naming the failure
        image.get();
    }

    /** The JDK modules the variant's modules require, transitively: what a class-path runtime must hold. */
    private static List<String> jdkModules(UxpVariant variant) throws IOException {
        ModuleFinder finder = ModuleFinder.compose(ModuleFinder.ofSystem(),
                ModuleFinder.of(modulePath().toArray(Path[]::new)));
        Configuration config = Configuration.resolve(finder, List.of(Configuration.empty()), ModuleFinder.of(),
                variant.modules());
        return config.modules().stream().map(ResolvedModule::name)
                .filter(n -> n.startsWith("java.") || n.startsWith("jdk.")).sorted().toList();
    }

    private static void jlink(Path out, List<Path> modulePath, List<String> modules)
            throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        List<String> command = new ArrayList<>(List.of(jlink.toString(), "--ignore-signing-information"));
        if (!modulePath.isEmpty()) {
            command.addAll(List.of("--module-path", String.join(":", modulePath.stream().map(Path::toString)
                    .toList())));
        }
        command.addAll(List.of("--add-modules", String.join(",", modules), "--output", out.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("jlink " + modules + " failed:\n" + log);
        }
    }

    /** Hashes what the image is made of, reading each jar's entries (names and bytes) and not its timestamps. */
    private static String contentHash(UxpVariant variant, String dockerfile) throws IOException {
        MessageDigest digest = sha256();
        digest.update((variant.name() + '\n' + variant.modules() + '\n' + dockerfile).getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(Path.of(System.getProperty("java.home"), "release")));
        for (Path jar : modulePath()) {
            digest.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<? extends ZipEntry> entries = zip.stream().sorted(Comparator.comparing(ZipEntry::getName))
                        .toList();
                for (ZipEntry entry : entries) {
                    digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = zip.getInputStream(entry)) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
        }
        for (String lib : HOST_LIBRARIES) {
            if (Files.exists(Path.of(lib))) {
                digest.update(Files.readAllBytes(Path.of(lib)));
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, TAG_HEX_DIGITS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
