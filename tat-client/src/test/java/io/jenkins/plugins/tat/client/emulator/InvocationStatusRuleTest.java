package io.jenkins.plugins.tat.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The inferred InvocationStatus rule of {@link InvocationStatusRule}. */
class InvocationStatusRuleTest {

    private static TaskState task(String status) {
        return new TaskState(status, null, null, null, null, 0, new byte[0], 0, "", "", java.time.Instant.EPOCH);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of("PENDING", "PENDING"), "PENDING"),
                Arguments.of(List.of("PENDING", "RUNNING"), "RUNNING"),
                Arguments.of(List.of("PENDING", "SUCCESS"), "RUNNING"),
                Arguments.of(List.of("SUCCESS", "SUCCESS"), "SUCCESS"),
                Arguments.of(List.of("FAILED", "START_FAILED"), "FAILED"),
                Arguments.of(List.of("TIMEOUT", "TIMEOUT"), "TIMEOUT"),
                Arguments.of(List.of("TIMEOUT", "FAILED"), "FAILED"),
                Arguments.of(List.of("SUCCESS", "TIMEOUT"), "PARTIAL_FAILED"),
                Arguments.of(List.of("CANCELLED", "TERMINATED"), "CANCELLED"),
                Arguments.of(List.of("CANCELLED", "SUCCESS"), "PARTIAL_CANCELLED"),
                Arguments.of(List.of("CANCELLED", "FAILED"), "PARTIAL_CANCELLED"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void aggregates(List<String> taskStatuses, String expected) {
        assertThat(InvocationStatusRule.aggregate(taskStatuses.stream().map(InvocationStatusRuleTest::task).toList()))
                .isEqualTo(expected);
    }
}
