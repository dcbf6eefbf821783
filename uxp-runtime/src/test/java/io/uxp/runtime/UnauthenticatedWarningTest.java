package io.uxp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxp.testkit.ClassPathJvm;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without an SLF4J provider (this module's tests have none) the unauthenticated warnings still reach standard
 * error, once each, instead of vanishing after SLF4J's "No SLF4J providers were found".
 */
class UnauthenticatedWarningTest {

    @Test
    void withoutAnSlf4jProviderEachUnauthenticatedWarningIsShownOnceThroughSystemLogger() throws Exception {
        ClassPathJvm.Result result = ClassPathJvm.run(UnauthenticatedWarningProbe.class.getName());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("No SLF4J providers were found", "probe done");
        assertThat(count(result.output(), "UXP server security is UNAUTHENTICATED")).as(result.output()).isOne();
        assertThat(count(result.output(), "UXP client security is UNAUTHENTICATED")).as(result.output()).isOne();
        assertThat(result.output()).contains("SLF4J has no provider; add one, such as org.slf4j:slf4j-simple");
    }

    private static int count(String text, String what) {
        Matcher matcher = Pattern.compile(Pattern.quote(what)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
