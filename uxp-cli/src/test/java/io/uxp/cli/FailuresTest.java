package io.uxp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void wrappersAreUnwrappedAndFileErrorsNameTheFile() {
        assertThat(Failures.describe(new ExecutionException(new CompletionException(
                new UncheckedIOException(new NoSuchFileException("/x/key")))))).isEqualTo("no such file: /x/key");
        assertThat(Failures.describe(new FileSystemException("/tmp", null, "Is a directory")))
                .isEqualTo("/tmp: Is a directory");
    }

    @Test
    void noMessageEverShowsAClassName() {
        assertThat(Failures.describe(new IllegalStateException("failed (java.lang.IllegalArgumentException: bad)")))
                .isEqualTo("failed (bad)");
        assertThat(Failures.describe(new TimeoutException())).doesNotContain("Exception").contains("--timeout");
        assertThat(Failures.describe(new NullPointerException())).doesNotContain("Exception")
                .contains("unexpected internal error");
        assertThat(Failures.describe(new BindException("Address already in use")))
                .contains("another process uses the port");
    }
}
