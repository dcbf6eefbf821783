package io.uxp.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints how long each scenario took, as {@code [scenario] 12.3 s PASSED Class > name}, on standard output and
 * appended to {@code target/scenario-timings.txt}. A report, never an assertion.
 */
final class ScenarioTimer implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScenarioTimer.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        context.getStore(NAMESPACE).put("start", System.nanoTime());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        long start = context.getStore(NAMESPACE).get("start", Long.class);
        String line = String.format(Locale.ROOT, "[scenario] %6.1f s %s %s > %s", (System.nanoTime() - start) / 1e9,
                context.getExecutionException().isPresent() ? "FAILED" : "PASSED",
                context.getRequiredTestClass().getSimpleName(), context.getDisplayName());
        System.out.println(line);
        try {
            Files.writeString(Path.of(System.getProperty("uxp.build.dir", "target"), "scenario-timings.txt"),
                    line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[scenario] cannot append to scenario-timings.txt: " + e);
        }
    }
}
