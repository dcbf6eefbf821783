package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.runtime.PreSharedKey;
import io.uxp.runtime.ServerKeyPair;
import io.uxp.runtime.ServerPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAnOwnerOnlyPrivateKeyAndPrintsTheMatchingPublicKey() throws Exception {
        Path key = dir.resolve("server.key");
        CommandResult r = CommandResult.run("keygen", "--out", key.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        ServerKeyPair pair = ServerKeyPair.parsePrivateKey(Files.readString(key).strip());
        ServerPublicKey printed = ServerPublicKey.parse(r.out().strip());
        assertThat(printed).isEqualTo(pair.publicKey());
        assertThat(ServerPublicKey.parse(Files.readString(dir.resolve("server.key.pub")).strip()))
                .isEqualTo(pair.publicKey());
    }

    @Test
    void refusesToOverwriteAnExistingKeyUnlessForced() throws Exception {
        Path key = dir.resolve("k");
        assertThat(CommandResult.run("keygen", "--out", key.toString()).exitCode()).isZero();
        String first = Files.readString(key);
        CommandResult again = CommandResult.run("keygen", "--out", key.toString());
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("exists").contains("--force");
        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(CommandResult.run("keygen", "--out", key.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readString(key)).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void aPreSharedKeyFileHoldsThirtyTwoSecretBytesForTheOwnerOnly() throws Exception {
        Path key = dir.resolve("psk");
        CommandResult r = CommandResult.run("keygen", "--psk", "--out", key.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PreSharedKey.parse(Files.readString(key).strip()).bytes()).hasSize(32);
    }
}
