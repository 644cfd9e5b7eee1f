package io.jenkins.plugins.tat.client.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link Endpoints#check(String)} accepts, and what its messages may quote. */
class EndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://tat.tencentcloudapi.com", "https://tat.intl.tencentcloudapi.com/", "http://127.0.0.1:18090"})
    void acceptsAnEndpoint(String endpoint) {
        assertThat(Endpoints.check(endpoint)).isEmpty();
    }

    @Test
    void userInfoIsRefusedWithoutBeingQuoted() {
        assertThat(Endpoints.check("https://admin:s3cr3t-pw@tat.tencentcloudapi.com")).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("Endpoint");
            assertThat(v.message()).contains("user info").doesNotContain("s3cr3t-pw").doesNotContain("admin");
        });
    }

    @Test
    void aMalformedEndpointIsQuotedWithoutItsUserInfo() {
        assertThat(Endpoints.check("https://admin:s3cr 3t@tat.tencentcloudapi.com"))
                .hasValueSatisfying(v -> assertThat(v.message()).contains("'https://***@tat.tencentcloudapi.com'")
                        .doesNotContain("s3cr"));
    }

    @Test
    void invisibleCharactersAreQuotedWrittenOut() {
        assertThat(Endpoints.check("https://tat.tencentcloudapi.com/\u202e"))
                .hasValueSatisfying(v -> assertThat(v.message()).contains("\\u202e").doesNotContain("\u202e"));
    }
}
