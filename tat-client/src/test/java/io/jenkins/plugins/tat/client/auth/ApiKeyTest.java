package io.jenkins.plugins.tat.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void toStringMasksTheKeyAndTheToken() {
        ApiKey c = new ApiKey("AKIDabcdefghijklmnop", "topSecretKeyValue", "sessionTokenValue");
        assertThat(c.toString()).doesNotContain("topSecretKeyValue").doesNotContain("sessionTokenValue")
                .doesNotContain("AKIDabcdefghijklmnop").contains("AKID…mnop");
    }

    @Test
    void surroundingWhiteSpaceIsRefusedWithoutEchoingTheKey() {
        assertThatThrownBy(() -> new ApiKey("AKIDabcdefgh", " topSecretKeyValue\n"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("SecretKey")
                .hasMessageContaining("white space")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("topSecretKeyValue"));
    }

    @Test
    void blankValuesAreAllReported() {
        assertThatThrownBy(() -> new ApiKey("", null, " "))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("SecretId", "SecretKey", "Token"));
    }

    @Test
    void aShortSecretIdIsMaskedWhole() {
        assertThat(ApiKey.mask("AKID1234")).isEqualTo("****");
        assertThat(ApiKey.mask("AKIDabcdefgh12345678")).isEqualTo("AKID…5678");
    }
}
