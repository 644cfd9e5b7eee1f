package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The InstanceIds rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class InstanceIdsRuleTest {

    @Test
    void areRequired() {
        assertThat(violations(valid().instanceIds(List.of())))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds", "MissingParameter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ins-abcd1234", "lhins-ar5wyn40", "rins-abcd1234"})
    void acceptEachKind(String id) {
        assertThat(violations(valid().instanceIds(id))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"i-abcd1234", "mi-0123456789abcdef", "ins-ABCD1234", "ins-abc", "ins abcd1234"})
    void mustHaveAnInstanceIdForm(String id) {
        assertThat(violations(valid().instanceIds(id)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds[0]", "InvalidParameterValue.InvalidInstanceId"));
    }

    @Test
    void mayNotContainABlank() {
        assertThat(violations(valid().instanceIds(Arrays.asList("ins-abcd1234", " ", null))))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds[1]", "InvalidParameterValue.InvalidInstanceId"),
                        tuple("InstanceIds[2]", "InvalidParameterValue.InvalidInstanceId"));
    }

    @Test
    void mayNotRepeatAnId() {
        assertThat(violations(valid().instanceIds("ins-abcd1234", "ins-efgh5678", "ins-abcd1234")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds[2]", "InvalidParameterValue"));
    }

    @Test
    void mayNotMixKinds() {
        assertThat(violations(valid().instanceIds("ins-abcd1234", "lhins-abcd1234")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds", "InvalidParameterValue.InconsistentInstance"));
    }

    @Test
    void mayNotMixManagedInstancesWithCvm() {
        assertThat(violations(valid().instanceIds("rins-abcd1234", "ins-abcd1234")))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.InconsistentInstance");
    }

    @Test
    void acceptTwoHundred() {
        assertThat(violations(valid().instanceIds(ids(200)))).isEmpty();
    }

    @Test
    void mayNotExceedTwoHundred() {
        assertThat(violations(valid().instanceIds(ids(201))))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("InstanceIds", "InvalidParameterValue.LimitExceeded"));
    }

    private List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("ins-%08d", i)).toList();
    }
}
