package io.jenkins.plugins.tat.client;

import static io.jenkins.plugins.tat.client.ValidRequests.valid;
import static io.jenkins.plugins.tat.client.ValidRequests.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
