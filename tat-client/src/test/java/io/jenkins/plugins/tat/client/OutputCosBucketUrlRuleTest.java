package io.jenkins.plugins.tat.client;

import static io.jenkins.plugins.tat.client.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OutputCosBucketUrl rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class OutputCosBucketUrlRuleTest {

    @Test
    void acceptsAnHttpsUrl() {
        assertThat(violations(valid().outputCosBucketUrl("https://bucket-1250000000.cos.ap-beijing.myqcloud.com"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bucket-1250000000.cos.ap-beijing.myqcloud.com", "bucket-1250000000", "https://",
        "https:///path", "ftp://host", "https://host with space", ""})
    void refusesAnythingElse(String url) {
        assertThat(violations(valid().outputCosBucketUrl(url)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("OutputCOSBucketUrl", "InvalidParameterValue.InvalidOutputCOSBucketUrl"));
    }
}
