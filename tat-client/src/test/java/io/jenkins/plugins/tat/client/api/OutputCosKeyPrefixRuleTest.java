package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OutputCosKeyPrefix rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class OutputCosKeyPrefixRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"logs", "logs/deploy", "a..b/c", "logs/", "jenkins/my job/42", "日志/部署", "v1.2/x.y",
        "ＡＢＣ", "a．b", "½", "x.y．z"})
    void acceptsAPlainPrefix(String prefix) {
        assertThat(violations(valid().outputCosKeyPrefix(prefix))).isEmpty();
    }

    @Test
    void atMostSixtyCharacters() {
        assertThat(violations(valid().outputCosKeyPrefix("x".repeat(60)))).isEmpty();
        assertThat(violations(valid().outputCosKeyPrefix("x".repeat(61))))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.InvalidOutputCOSKeyPrefix");
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(violations(valid().outputCosKeyPrefix("日".repeat(60)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/logs", "logs//deploy", "logs/../etc", "..", "logs/..", "logs\ndeploy", ""})
    void refusesBadPaths(String prefix) {
        assertRefused(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs\u200b", "\u200b", "lo\u200dgs", "logs/\u202egol", "\u2066logs\u2069", "\ufefflogs",
        "logs\u0000", "logs\u001b[8m", "logs\u00ad", "logs\udb40\udc41"})
    void refusesControlFormatBidiAndOtherInvisibleCharacters(String prefix) {
        assertRefused(prefix);
    }

    @Test
    void showsInvisibleCharactersWrittenOut() {
        Violation v = violations(valid().outputCosKeyPrefix("logs/\u202egol")).get(0);

        assertThat(v.message()).contains("'logs/\\u202egol'").doesNotContain("\u202e");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", "\u00a0\u00a0", "\u3000", "\u2002\u2003"})
    void refusesOnlySpaces(String prefix) {
        assertRefused(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {" logs", "logs ", "logs\u00a0", "\u3000logs"})
    void refusesASpaceAtEitherEnd(String prefix) {
        assertRefused(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs／／deploy", "logs／deploy", "／logs", "logs∕deploy", "logs⁄deploy", "logs⧸deploy",
        "logs╱deploy", "logs⟋deploy", "logs᜵deploy", "logs⁁deploy", "logs⼃deploy", "logs㇓deploy", "logs〳deploy",
        "logs\ud834\ude3adeploy", "logs\u0338deploy", "logs\u0337deploy", "logs\u20ebdeploy", "logs℅deploy", "a℀c"})
    void refusesLookAlikesOfTheSlash(String prefix) {
        assertRefused(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs/‥/etc", "‥", "logs/…", "logs/．．/etc", "logs/.．", "．.", "a\u2024\u2024b", "logs/\ufe52\ufe52",
        "logs/\u0701\u0701", "logs/\ua60e.", "logs/︙", "⒈."})
    void refusesLookAlikesOfTwoDots(String prefix) {
        assertRefused(prefix);
    }

    @Test
    void namesTheLookAlike() {
        Violation v = violations(valid().outputCosKeyPrefix("logs／／x")).get(0);

        assertThat(v.message()).contains("U+FF0F FULLWIDTH SOLIDUS").contains("looks like '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs\\deploy", "logs\\..\\etc", "logs%2Fdeploy", "logs/%2e%2e/etc", "logs?x", "logs#x"})
    void refusesWhatTheUnencodedUploadUrlWouldReadAsSomethingElse(String prefix) {
        assertRefused(prefix);
    }

    private static void assertRefused(String prefix) {
        assertThat(violations(valid().outputCosKeyPrefix(prefix)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("OutputCOSKeyPrefix", "InvalidParameterValue.InvalidOutputCOSKeyPrefix"));
    }
}
