package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of {@link InvokeCommandRequest#validate()}, one behaviour per test. Each test starts
 * from a valid request and breaks exactly one rule, so removing the rule makes it fail.
 */
class InvokeCommandRequestValidationTest {

    private static InvokeCommandRequest.Builder valid() {
        return InvokeCommandRequest.builder().commandId("cmd-abcd1234").instanceIds("ins-abcd1234");
    }

    private static List<Violation> violations(InvokeCommandRequest.Builder builder) {
        return builder.build().validate();
    }

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

    @Nested
    class CommandId {
        @Test
        void isRequired() {
            assertThat(violations(valid().commandId(null)))
                    .extracting(Violation::field, Violation::errorCode)
                    .containsExactly(tuple("CommandId", "MissingParameter"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ffxdx79i", "cmd_abcd1234", "cmd-ABCD1234", "cmd-abc", "CMD-abcd1234", " cmd-abcd1234"})
        void mustHaveTheCommandIdForm(String id) {
            assertThat(violations(valid().commandId(id)))
                    .extracting(Violation::field, Violation::errorCode)
                    .containsExactly(tuple("CommandId", "InvalidParameterValue.InvalidCommandId"));
        }

        @Test
        void theMessageSaysWhatAnIdLooksLike() {
            assertThat(violations(valid().commandId("deploy")).get(0).message())
                    .contains("'deploy'").contains("cmd-");
        }
    }

    @Nested
    class InstanceIds {
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

    @Nested
    class Parameters {
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

    @Nested
    class Timeout {
        @ParameterizedTest
        @ValueSource(longs = {1, 60, 86_400})
        void acceptsOneSecondToOneDay(long seconds) {
            assertThat(violations(valid().timeout(seconds))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 86_401})
        void refusesValuesOutsideTheRange(long seconds) {
            assertThat(violations(valid().timeout(seconds)))
                    .extracting(Violation::field, Violation::errorCode)
                    .containsExactly(tuple("Timeout", "InvalidParameterValue.Range"));
        }
    }

    @Nested
    class OutputCosBucketUrl {
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

    @Nested
    class OutputCosKeyPrefix {
        @ParameterizedTest
        @ValueSource(strings = {"logs", "logs/deploy", "a..b/c", "logs/"})
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
            assertThat(violations(valid().outputCosKeyPrefix(prefix)))
                    .extracting(Violation::field, Violation::errorCode)
                    .containsExactly(tuple("OutputCOSKeyPrefix", "InvalidParameterValue.InvalidOutputCOSKeyPrefix"));
        }
    }

    @Nested
    class UsernameAndWorkingDirectory {
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
