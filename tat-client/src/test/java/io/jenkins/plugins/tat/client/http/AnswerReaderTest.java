package io.jenkins.plugins.tat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AnswerReader} reads a body into the tree that {@code ObjectMapper.readTree} would give,
 * except that each {@code Output} text is decoded as it is read; and it refuses what readTree
 * refuses.
 */
class AnswerReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String json, List<String> decoded) throws IOException {
        return AnswerReader.read(stream(json), text -> {
            decoded.add(text);
            return TaskOutput.of(Base64.getDecoder().decode(text));
        });
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Response\":{\"TotalCount\":2,\"RequestId\":\"a\",\"InvocationSet\":[{\"InvocationId\":\"inv-1\"},{}]}}",
        "{\"a\":1,\"b\":-9223372036854775808,\"c\":123456789012345678901234567890,\"d\":1.5e3,\"e\":-0.25}",
        "{\"t\":true,\"f\":false,\"n\":null,\"s\":\"\\u4e2d\\n\\\"\",\"empty\":{},\"none\":[],\"nested\":[[1,[2]],{\"x\":[]}]}",
        "[1,\"two\",{\"three\":3}]",
        "\"just text\"",
        "{\"dup\":1,\"dup\":2}",
    })
    void readsWhatReadTreeReads(String json) throws IOException {
        assertThat(read(json, new ArrayList<>())).isEqualTo(JSON.readTree(json));
    }

    @Test
    void eachOutputIsDecodedWhileReadingAndKeptOnlyDecoded() throws IOException {
        String one = Base64.getEncoder().encodeToString("first\n".getBytes(StandardCharsets.UTF_8));
        String two = Base64.getEncoder().encodeToString("second\n".getBytes(StandardCharsets.UTF_8));
        List<String> decoded = new ArrayList<>();

        JsonNode tree = read("{\"Response\":{\"InvocationTaskSet\":[{\"TaskResult\":{\"Output\":\"" + one + "\",\"ExitCode\":0}},"
                + "{\"TaskResult\":{\"Output\":\"" + two + "\"}}]}}", decoded);

        assertThat(decoded).containsExactly(one, two);
        JsonNode first = tree.at("/Response/InvocationTaskSet/0/TaskResult/Output");
        assertThat(first).isInstanceOf(POJONode.class);
        assertThat(((POJONode) first).getPojo()).isEqualTo(TaskOutput.of("first\n"));
        assertThat(tree.at("/Response/InvocationTaskSet/0/TaskResult/ExitCode").asInt()).isZero();
        assertThat(((POJONode) tree.at("/Response/InvocationTaskSet/1/TaskResult/Output")).getPojo())
                .isEqualTo(TaskOutput.of("second\n"));
    }

    @Test
    void anOutputThatIsNotTextIsLeftAsItCame() throws IOException {
        List<String> decoded = new ArrayList<>();

        JsonNode tree = read("{\"Output\":null,\"Other\":{\"Output\":7}}", decoded);

        assertThat(decoded).isEmpty();
        assertThat(tree).isEqualTo(JSON.readTree("{\"Output\":null,\"Other\":{\"Output\":7}}"));
    }

    @Test
    void anEmptyBodyIsNoValue() throws IOException {
        assertThat(read("", new ArrayList<>())).isNull();
        assertThat(read("  \n", new ArrayList<>())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Response\":{\"RequestId\":\"a\"", "{\"a\":[1,2", "{\"a\":", "<html>", "{\"a\" 1}", "{'a':1}"})
    void aBodyThatIsNotJsonOrIsCutShortIsRefused(String body) {
        Throwable thrown = catchThrowable(() -> read(body, new ArrayList<>()));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void nestingBeyondTheParsersLimitIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);

        Throwable thrown = catchThrowable(() -> read(deep, new ArrayList<>()));

        assertThat(thrown).isInstanceOf(JsonProcessingException.class).hasMessageContaining("depth");
    }

    @Test
    void theStreamIsLeftOpenForTheCallerToFinish() throws IOException {
        boolean[] closed = {false};
        InputStream body = new ByteArrayInputStream("{\"a\":1}  ".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        AnswerReader.read(body, TaskOutput::of);

        assertThat(closed[0]).isFalse();
    }
}
