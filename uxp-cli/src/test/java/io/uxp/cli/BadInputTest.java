package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input of the usability issue, run through the command line: the exit code is the documented one
 * (2 for a bad argument, 1 for a failure), the message names the option and the fix, and nothing a user sees
 * (the command's output and the log) holds an exception's name, a {@code java.} class or a stack frame.
 */
class BadInputTest {

    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at \\S+\\(", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    private static Path publicKeyFile;
    private static Path privateKeyFile;

    @BeforeAll
    static void keys() {
        privateKeyFile = dir.resolve("server.key");
        assertThat(CommandResult.run("keygen", "--out", privateKeyFile.toString()).exitCode()).isZero();
        publicKeyFile = dir.resolve("server.key.pub");
    }

    private static void assertClean(CommandResult r) {
        assertThat(r.all()).as("what the user sees").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContainPattern(STACK_FRAME);
    }

    private static void assertBadArgument(CommandResult r, String expected) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.Exit.USAGE);
        assertClean(r);
        assertThat(r.err()).contains(expected).contains(" --help'").doesNotContain("Usage:");
        assertThat(r.err().lines().count()).as("one line and the pointer to --help: " + r.err()).isLessThanOrEqualTo(3);
    }

    static Stream<Arguments> badArguments() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of(List.of("demo", "--loss", "150%"), "--loss': '150%' is outside 0..100%"),
                Arguments.of(List.of("demo", "--mtu", "50"), "--mtu must be 576 to 65507 bytes, got 50"),
                Arguments.of(List.of("demo", "--fec", "10"), "--fec takes DATA,PARITY"),
                Arguments.of(List.of("demo", "--fec", "200,100"), "at most 255"),
                Arguments.of(List.of("demo", "--window", "0"), "--window must be 1 to 65535"),
                Arguments.of(List.of("demo", "--interval", "0"), "--interval': '0' must be more than zero"),
                Arguments.of(List.of("demo", "--interval", "10"), "'10' has no unit; write 10s or 10ms"),
                Arguments.of(List.of("demo", "--interval", "10s"),
                        "--interval must be whole milliseconds from 1ms to 5s"),
                Arguments.of(List.of("demo", "--delay", "5"), "'5' has no unit; write 5s or 5ms"),
                Arguments.of(List.of("demo", "--timeout", "0"), "--timeout': '0' must be more than zero"),
                Arguments.of(List.of("demo", "--nodelay", "3"), "--nodelay must be 0, 1 or 2"),
                Arguments.of(List.of("demo", "--bytes", "lots"), "'lots' is not a byte count"),
                Arguments.of(List.of("demo", "--mtu", "big"), "--mtu"),
                Arguments.of(List.of("bench", "--cell-timeout", "0"), "--cell-timeout"),
                Arguments.of(List.of("demo", "--cipher", "rot13"), "--cipher rot13: no cipher of that name"),
                Arguments.of(List.of("server", "--listen", "127.0.0.1:0", "--congestion", "cubic"),
                        "--congestion cubic: no congestion control of that name"),
                Arguments.of(List.of("keygen", "--out", "/nonexistent/dir/server.key"),
                        "the directory /nonexistent/dir does not exist"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--insecure", "--send", folder.toString()),
                        "is a directory; give one file"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--insecure", "--send",
                        dir.resolve("missing").toString()), "--send " + dir.resolve("missing") + ": no such file"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--server-key",
                        "/nonexistent/server.key.pub"),
                        "--server-key /nonexistent/server.key.pub: no such file"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--server-key", "not-a-key"),
                        "is neither a public key"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--psk", "/nonexistent/psk"),
                        "--psk /nonexistent/psk: no such file"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--insecure", "--progress", "0"),
                        "--progress"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1"), "'127.0.0.1' is not HOST:PORT"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9"), "say how to authenticate the server"),
                Arguments.of(List.of("client", "--connect", "127.0.0.1:9", "--insecure", "--no-such-option"),
                        "Unknown option: '--no-such-option'"),
                Arguments.of(List.of("server", "--listen", "127.0.0.1:0", "--key", "/nonexistent/key"),
                        "--key /nonexistent/key: no such file"),
                Arguments.of(List.of("server", "--listen", "127.0.0.1:0", "--key", publicKeyFile.toString()),
                        "this is a public key; pass the private key file written by keygen"),
                Arguments.of(List.of("server", "--listen", "127.0.0.1:0", "--workers", "0"), "--workers must be 1"),
                Arguments.of(List.of("server", "--listen", "127.0.0.1:0", "--duration", "10"), "has no unit"),
                Arguments.of(List.of("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:70000"),
                        "outside 0..65535"),
                Arguments.of(List.of("relay", "--listen", "127.0.0.1:0", "--forward", "127.0.0.1:9",
                        "--rebind-every", "0"), "--rebind-every")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExitsWith2AndOneLineNamingTheOption(List<String> args, String expected) {
        assertBadArgument(CommandResult.runWithLog(args.toArray(String[]::new)), expected);
    }

    @Test
    void aClientFacingASilentPortSaysNobodyAnsweredWithinItsTimeout() throws Exception {
        int port;
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = silent.getLocalPort();
            CommandResult r = CommandResult.runWithLog("client", "--connect", "127.0.0.1:" + port,
                    "--server-key", publicKeyFile.toString(), "--timeout", "1s", "--bytes", "1000");
            assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.Exit.FAILED);
            assertClean(r);
            assertThat(r.err()).contains("no answer from 127.0.0.1:" + port + " within --timeout 1s");
        }
    }

    @Test
    void aDemoThatCannotFinishInItsTimeoutSaysSoWithTheOption() {
        CommandResult r = CommandResult.runWithLog("demo", "--bytes", "64MiB", "--timeout", "1ms");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.Exit.FAILED);
        assertClean(r);
        assertThat(r.err()).contains("within --timeout 1ms").contains("raise --timeout");
    }

    @Test
    void aKeyFileOthersCanReadIsWarnedAboutInAPlainLineNotALogLine() throws Exception {
        Path psk = dir.resolve("shared.psk");
        assertThat(CommandResult.run("keygen", "--psk", "--out", psk.toString()).exitCode()).isZero();
        Files.setPosixFilePermissions(psk, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CommandResult r = CommandResult.runWithLog("server", "--listen", "127.0.0.1:0", "--psk", psk.toString(),
                "--duration", "1ms");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("warning: secret key file " + psk + " is accessible to others");
        assertThat(r.log()).doesNotContain("chmod");
    }

    @Test
    void versionWorksOnEverySubcommand() {
        for (String command : List.of("demo", "server", "client", "keygen", "providers", "relay", "bench")) {
            CommandResult r = CommandResult.run(command, "-V");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("uxp ");
        }
    }
}
