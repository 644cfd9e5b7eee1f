package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link InvokeCommandRequest#validate()}, one behaviour per test. Each test starts
 * from a valid request and breaks exactly one rule, so removing the rule makes it fail.
 */
class InvokeCommandRequestValidationTest {

    @Test
    void aMinimalRequestIsValid() {
        assertThat(violations(valid())).isEmpty();
    }

    @Test
    void aFullRequestIsValid() {
        assertThat(violations(valid()
                .parameters(Map.of("varA", "222"))
                .username("root").workingDirectory("/tmp").timeout(60)
                .outputCosBucketUrl("https://bucket-1250000000.cos.ap-beijing.myqcloud.com")
                .outputCosKeyPrefix("logs/deploy"))).isEmpty();
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<Violation> all = violations(InvokeCommandRequest.builder()
                .commandId("command-1").instanceIds("i-123").timeout(0).username(" "));
        assertThat(all).extracting(Violation::field)
                .containsExactly("CommandId", "InstanceIds[0]", "Username", "Timeout");
    }

    @Test
    void theBuilderCopiesItsInputs() {
        List<String> ids = new ArrayList<>(List.of("ins-abcd1234"));
        InvokeCommandRequest request = valid().instanceIds(ids).build();
        ids.add("not-an-id");
        assertThat(request.instanceIds()).containsExactly("ins-abcd1234");
        assertThat(request.validate()).isEmpty();
    }

    @Test
    void toStringShowsParameterNamesButNotValues() {
        String text = valid().parameters(Map.of("dbPassword", "hunter2")).build().toString();
        assertThat(text).contains("dbPassword").doesNotContain("hunter2");
    }
}
