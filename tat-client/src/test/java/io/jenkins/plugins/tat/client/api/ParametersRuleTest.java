package io.jenkins.plugins.tat.client.api;

import static io.jenkins.plugins.tat.client.api.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.api.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Parameters rules of InvokeCommand, through {@link InvokeCommandRequest#validate()}. */
class ParametersRuleTest {

    @Test
    void jsonObjectOfStringsIsValid() {
        assertThat(violations(valid().parametersJson("{\"varA\":\"222\",\"env-name_2\":\"prod\"}"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"1\"", "not json", "{\"a\":\"1\"} trailing", "{'a':'1'}", ""})
    void mustBeValidJson(String json) {
        assertThat(violations(valid().parametersJson(json)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Parameters", "InvalidParameterValue.ParameterInvalidJsonFormat"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\"]", "\"a\"", "42", "null"})
    void mustBeAJsonObject(String json) {
        assertThat(violations(valid().parametersJson(json)))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterInvalidJsonFormat");
    }

    @Test
    void mayNotRepeatAKeyInTheJsonText() {
        assertThat(violations(valid().parametersJson("{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}")))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Parameters", "InvalidParameterValue.ParameterKeyDuplicated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"port\":8080}", "{\"on\":true}", "{\"v\":null}", "{\"o\":{\"x\":\"y\"}}", "{\"l\":[\"x\"]}"})
    void valuesInJsonMustBeStrings(String json) {
        assertThat(violations(valid().parametersJson(json)))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterValueNotString");
    }

    @Test
    void valuesInAMapMustBeStrings() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("port", 8080);
        assertThat(violations(valid().parameters(map)))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterValueNotString");
    }

    @Test
    void aNullNameIsRefusedNotTurnedIntoText() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(null, "v");

        assertThat(violations(valid().parameters(map)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Parameters", "InvalidParameterValue.ParameterInvalidJsonFormat"));
    }

    @Test
    void aNameThatIsNotTextIsRefused() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("version", "1.2");
        map.put(8080, "v");
        map.put(new ArrayList<>(List.of("a")), "v");

        assertThat(violations(valid().parameters(map)))
                .extracting(Violation::field, Violation::errorCode, Violation::message)
                .containsExactly(
                        tuple("Parameters", "InvalidParameterValue.ParameterInvalidJsonFormat",
                                "entry 2 has a name of type Integer, not a string; every parameter name must be a string,"
                                        + " e.g. [version: '1.2']"),
                        tuple("Parameters", "InvalidParameterValue.ParameterInvalidJsonFormat",
                                "entry 3 has a name of type ArrayList, not a string; every parameter name must be a string,"
                                        + " e.g. [version: '1.2']"));
    }

    @Test
    void aNameThatIsNotTextIsNamedWithoutQuotingAnyValue() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(null, "s3cr3t-value");
        map.put(42, "an0ther-s3cr3t");

        assertThat(violations(valid().parameters(map))).hasSize(2)
                .allSatisfy(v -> assertThat(v.message()).doesNotContain("s3cr3t").doesNotContain("42"));
    }

    @Test
    void aNameThatIsOtherTextIsTakenAsItsString() {
        // A Groovy GString is a CharSequence that is not a String; StringBuilder stands in for it.
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new StringBuilder("version"), new StringBuilder("1.2"));

        CommandParameters.Check check = CommandParameters.fromMap(map);

        assertThat(check.violations()).isEmpty();
        assertThat(check.values()).containsExactly(Map.entry("version", "1.2"));
    }

    @Test
    void aNameGivenAsStringAndAsOtherTextIsARepeatedName() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("version", "1.2");
        map.put(new StringBuilder("version"), "1.3");

        assertThat(violations(valid().parameters(map)))
                .extracting(Violation::field, Violation::errorCode)
                .containsExactly(tuple("Parameters", "InvalidParameterValue.ParameterKeyDuplicated"));
    }

    @Test
    void aNameWithInvisibleCharactersIsQuotedWrittenOut() {
        Violation v = violations(valid().parameters(Map.of("ver​sion", "1.2"))).get(0);

        assertThat(v.errorCode()).isEqualTo("InvalidParameterValue.ParameterKeyContainsInvalidChar");
        assertThat(v.message()).contains("'ver\\u200bsion'").doesNotContain("\u200b");
    }

    @Test
    void atMostTwentyKeys() {
        assertThat(violations(valid().parameters(keys(20)))).isEmpty();
        assertThat(violations(valid().parameters(keys(21))))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterNumberExceeded");
    }

    @Test
    void keysAreOneToSixtyFourCharacters() {
        assertThat(violations(valid().parameters(Map.of("k".repeat(64), "v")))).isEmpty();
        assertThat(violations(valid().parameters(Map.of("k".repeat(65), "v"))))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterKeyLenExceeded");
        assertThat(violations(valid().parametersJson("{\"\":\"v\"}")))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterKeyLenExceeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a.b", "ä", "a$", "a/b"})
    void keysUseOnlyLettersDigitsDashAndUnderscore(String key) {
        assertThat(violations(valid().parameters(Map.of(key, "v"))))
                .extracting(Violation::errorCode)
                .containsExactly("InvalidParameterValue.ParameterKeyContainsInvalidChar");
    }

    @Test
    void messagesNameTheKeyButNeverTheValue() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("password", 12345678);
        map.put("bad key", "s3cr3t-value");
        List<Violation> found = violations(valid().parameters(map));
        assertThat(found).hasSize(2);
        assertThat(found).allSatisfy(v -> assertThat(v.message()).doesNotContain("s3cr3t-value").doesNotContain("12345678"));
        assertThat(found.get(0).message()).contains("'password'");
    }

    @Test
    void invalidJsonMessageDoesNotEchoTheText() {
        Violation v = violations(valid().parametersJson("{\"token\": s3cr3t}")).get(0);
        assertThat(v.message()).doesNotContain("s3cr3t").contains("line 1");
    }

    private Map<String, String> keys(int n) {
        Map<String, String> map = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> map.put("k" + i, "v"));
        return map;
    }
}
