package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UsernameAndWorkingDirectory rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class UsernameAndWorkingDirectoryRuleTest {

    private static final String MEGABYTE = "x".repeat(1 << 20);

    @Test
    void usernameMayNotBeBlankWhenGiven() {
        assertThat(violations(valid().username("  ")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"));
    }

    @Test
    void workingDirectoryMayNotBeBlankWhenGiven() {
        assertThat(violations(valid().workingDirectory("")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @Test
    void bothMayBeLeftOut() {
        assertThat(violations(valid().username(null).workingDirectory(null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "deploy-user_1", "DOMAIN\\deploy", "deploy@corp.example.com", "部署", "John Smith",
        "System"})
    void usernamesOfLinuxAndWindowsAreAccepted(String username) {
        assertThat(violations(valid().username(username))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/root", "/srv/my app", "C:\\Program Files\\app", "C:\\Program Files\\qcloud\\tat_agent\\workdir",
        "\\\\?\\C:\\very\\long\\path", "D:/mixed/separators", "/opt/部署"})
    void directoriesOfLinuxAndWindowsAreAccepted(String directory) {
        assertThat(violations(valid().workingDirectory(directory))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ro\u0000ot", "deploy\nrm -rf /", "deploy\r", "\u001b[31mroot", "\u200b", "ro\u200bot",
        "root\u202e", "\u2066root\u2069", "root\u0085", "\ufeffroot", "ro\u00adot"})
    void usernamesWithControlFormatOrInvisibleCharactersAreRefused(String username) {
        assertThat(violations(valid().username(username)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/srv/\u0000app", "/srv\n/etc", "/srv\u001b[2J", "\u200b", "/srv/\u200b", "/srv/\u202eppa",
        "/srv/\u2028x"})
    void directoriesWithControlFormatOrInvisibleCharactersAreRefused(String directory) {
        assertThat(violations(valid().workingDirectory(directory)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @Test
    void theMessageShowsInvisibleCharactersWrittenOut() {
        Violation v = violations(valid().username("ro\u200bot\u001b")).get(0);

        assertThat(v.message()).contains("'ro\\u200bot\\u001b'").doesNotContain("\u200b", "\u001b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00a0\u00a0", "\u3000", "\u2007"})
    void onlyNoBreakOrWideSpacesAreBlank(String spaces) {
        assertThat(violations(valid().username(spaces).workingDirectory(spaces)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"),
                        tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" root", "root ", "root\u00a0", "\u3000root"})
    void aUsernameWithASpaceAtEitherEndIsRefused(String username) {
        assertThat(violations(valid().username(username)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"));
    }

    @Test
    void aDirectoryEndingWithASpaceIsRefused() {
        assertThat(violations(valid().workingDirectory("C:\\app ")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @Test
    void aUsernameHasAtMost1024Characters() {
        assertThat(violations(valid().username("u".repeat(1024)))).isEmpty();
        assertThat(violations(valid().username("u".repeat(1025))))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"));
    }

    @Test
    void aWorkingDirectoryHasAtMost32767Characters() {
        assertThat(violations(valid().workingDirectory("/" + "d".repeat(32_766)))).isEmpty();
        assertThat(violations(valid().workingDirectory("/" + "d".repeat(32_767))))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
    }

    @Test
    void aMegabyteOfTextIsRefusedWithoutBeingQuoted() {
        List<Violation> found = violations(valid().username(MEGABYTE).workingDirectory(MEGABYTE));

        assertThat(found).extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Username", "InvalidParameter.InvalidUsername"),
                        tuple("WorkingDirectory", "InvalidParameterValue.InvalidWorkingDirectory"));
        assertThat(found).allSatisfy(v -> assertThat(v.message()).hasSizeLessThan(200).contains("1048576 characters"));
    }

    @Test
    void charactersAreCountedAsCodePoints() {
        assertThat(violations(valid().username("🙂".repeat(1024)))).isEmpty();
    }
}
