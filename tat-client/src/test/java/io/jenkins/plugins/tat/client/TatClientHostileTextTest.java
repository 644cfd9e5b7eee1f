package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import io.jenkins.plugins.tat.client.api.InvocationTask;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.text.Texts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text from the server is hostile until shown otherwise: it reaches messages capped and with its
 * invisible characters written out; an answer whose RequestId, error code or IDs are not of their
 * documented forms is not used; and the client's secrets, echoed back as they are, base64- or
 * URL-encoded, in any field, reach no message, rendering or log line. Every call here uses a
 * temporary key, so both the SecretKey and the session token are at stake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // every test here waits on a server, a limiter or a thread
class TatClientHostileTextTest extends TatClientTestSupport {

    private static final String STS_ID = "AKIDhostileText0001";
    private static final String STS_KEY = "hostileKey-5c1d9e-MUST-NOT-LEAK";
    private static final String STS_TOKEN = "hostileToken/+=%-b4a2-MUST-NOT-LEAK";
    private static final ApiKey STS = new ApiKey(STS_ID, STS_KEY, STS_TOKEN);
    private static final String UUID_1 = "5f0b8c3e-1d2a-4b6c-8e9f-0a1b2c3d4e5f";

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(new SimpleFormatter().format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger clientLogger = Logger.getLogger("io.jenkins.plugins.tat.client");

    @BeforeEach
    void registerTheTemporaryKeyAndListen() {
        emu.account(STS_ID, STS_KEY, STS_TOKEN);
        clientLogger.setLevel(Level.ALL);
        clientLogger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        clientLogger.removeHandler(capture);
        clientLogger.setLevel(null);
        assertThat(String.join("\n", logLines)).as("log lines").doesNotContain(STS_KEY).doesNotContain(STS_TOKEN);
    }

    private TatClient sts() {
        return clientBuilder().credential(STS).build();
    }

    /** The failure of a call, checked in every rendering for secrets, length and control characters. */
    private Throwable failureOf(ThrowingCall call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call must fail").isInstanceOf(TatException.class);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        for (String rendering : List.of(String.valueOf(thrown.getMessage()), thrown.toString(), trace.toString())) {
            for (String form : secretForms()) {
                assertThat(rendering).doesNotContain(form);
            }
        }
        assertThat(thrown.getMessage()).hasSizeLessThanOrEqualTo(2000);
        assertThat(thrown.getMessage().codePoints().filter(cp -> Texts.isInvisible(cp)).count())
                .as("invisible characters in the message").isZero();
        return thrown;
    }

    private static List<String> secretForms() {
        List<String> forms = new ArrayList<>();
        for (String secret : List.of(STS_KEY, STS_TOKEN)) {
            forms.add(secret);
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        return forms;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static String envelope(String responseFields) {
        return "{\"Response\":{" + responseFields + "}}";
    }

    // ---- Error text ----

    @Test
    void aHugeErrorMessageWithEscapesAndFakeLogLinesIsCappedAndMadeVisible() {
        String hostile = "denied\r\n[Pipeline] echo\n\u001b[31mFinished: SUCCESS\u202e<b>html</b>" + "x".repeat(2_000_000);
        emu.faults().forAction("DescribeCommands").apiError("UnauthorizedOperation", hostile, 1);

        Throwable thrown = failureOf(() -> sts().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOfSatisfying(TencentCloudApiException.class, e -> {
            assertThat(e.apiMessage()).startsWith("denied\\u000d\\u000a[Pipeline] echo\\u000a\\u001b[31mFinished: SUCCESS"
                    + "\\u202e<b>html</b>").contains("more characters)");
            assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"AuthFailure\nInjected", "", "Auth Failure", "InvalidParameter.\u200bX", "a.b.c.d.e.f",
        "AuthFailure.<script>"})
    void anErrorCodeThatIsNotACodeMakesTheAnswerUnusable(String code) {
        emu.faults().forAction("DescribeCommands").apiError(code, "boom", 100);

        Throwable thrown = failureOf(() -> sts().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("cannot be used")
                .hasMessageContaining("not a TAT error code");
        if (!code.isEmpty()) {
            assertThat(thrown.getMessage()).doesNotContain(code);
        }
    }

    @Test
    void aSecretEchoedInTheErrorCodeIsNotShown() {
        String token = "Token" + STS_TOKEN.replaceAll("[^A-Za-z0-9]", "");
        ApiKey alnum = new ApiKey(STS_ID, STS_KEY, token);
        emu.account(STS_ID, STS_KEY, token);
        emu.faults().forAction("DescribeCommands").answer(envelope("\"Error\":{\"Code\":\"AuthFailure." + token
                + "\",\"Message\":\"m\"},\"RequestId\":\"" + UUID_1 + "\""), 100);

        Throwable thrown = catchThrowable(() -> clientBuilder().credential(alnum).build().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class);
        assertThat(thrown.toString()).doesNotContain(token);
    }

    // ---- RequestId and IDs ----

    @ParameterizedTest
    @ValueSource(strings = {"\"not-a-uuid\"", "\"5f0b8c3e-1d2a-4b6c-8e9f-0a1b2c3d4e5f\\n[Pipeline] x\"", "null", "42"})
    void aRequestIdThatIsNotARequestIdMakesTheAnswerUnusable(String requestId) {
        emu.faults().forAction("DescribeCommands").answer(envelope("\"TotalCount\":0,\"CommandSet\":[],\"RequestId\":"
                + requestId), 100);

        Throwable thrown = failureOf(() -> sts().describeCommands(describeCommands()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("RequestId is missing or not");
    }

    @Test
    void aSecretEchoedAsTheRequestIdIsNotShown() {
        emu.faults().forAction("DescribeCommands").answer(envelope("\"TotalCount\":0,\"CommandSet\":[],\"RequestId\":\""
                + STS_TOKEN + "\""), 100);

        failureOf(() -> sts().describeCommands(describeCommands()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inv-../../admin", "inv-ABCDEFGH", "inv-abcdefgh\\n[Pipeline] echo", "", "javascript:alert(1)"})
    void anInvokeCommandAnswerWithAMalformedInvocationIdIsAnUnknownOutcomeAndNotSentAgain(String invocationId) {
        emu.faults().forAction("InvokeCommand").answer(envelope("\"InvocationId\":\"" + invocationId
                + "\",\"RequestId\":\"" + UUID_1 + "\""), 100);

        Throwable thrown = failureOf(() -> sts().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown")
                .hasMessageContaining("not of the form inv-xxxxxxxx").hasMessageContaining("command-id=" + COMMAND);
        if (!invocationId.isEmpty()) {
            assertThat(thrown.getMessage()).doesNotContain(invocationId);
        }
        assertThat(emu.received("InvokeCommand")).isEqualTo(1);
    }

    @Test
    void aSecretEchoedAsTheInvocationIdIsNotShown() {
        String token = "abcdefgh12345678";
        ApiKey idLike = new ApiKey(STS_ID, STS_KEY, token);
        emu.account(STS_ID, STS_KEY, token);
        emu.faults().forAction("InvokeCommand").answer(envelope("\"InvocationId\":\"inv-" + token + "\",\"RequestId\":\""
                + UUID_1 + "\""), 1);

        Throwable thrown = catchThrowable(() -> clientBuilder().credential(idLike).build().invokeCommand(invokeOn(CVM_1)));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageStartingWith("Outcome unknown");
        assertThat(thrown.toString()).doesNotContain(token);
    }

    @Test
    void aDescribeAnswerWithAMalformedTaskIdIsUnusable() {
        emu.faults().forAction("DescribeInvocationTasks").answer(envelope("\"TotalCount\":1,\"InvocationTaskSet\":[{"
                + "\"InvocationId\":\"inv-abcd1234\",\"InvocationTaskId\":\"invt-<img src=x>\",\"InstanceId\":\"ins-aaaa0001\","
                + "\"TaskStatus\":\"SUCCESS\"}],\"RequestId\":\"" + UUID_1 + "\""), 100);

        Throwable thrown = failureOf(() -> sts().describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                .filter("invocation-id", "inv-abcd1234").build()));

        assertThat(thrown).isInstanceOf(TatTransportException.class).hasMessageContaining("an item's ID");
        assertThat(emu.received("DescribeInvocationTasks")).isEqualTo(4); // every attempt of FAST_RETRIES
    }

    // ---- Secrets echoed in every field and form ----

    @Test
    void secretsEchoedInTheMessageAsTheyAreBase64AndUrlEncodedAreRedacted() {
        String message = "raw " + STS_KEY + " b64 " + Base64.getEncoder().encodeToString(STS_TOKEN.getBytes(StandardCharsets.UTF_8))
                + " url " + URLEncoder.encode(STS_TOKEN, StandardCharsets.UTF_8) + " url20 "
                + URLEncoder.encode(STS_TOKEN, StandardCharsets.UTF_8).replace("+", "%20");
        emu.faults().forAction("DescribeCommands").apiError("InvalidParameter", message, 1);

        Throwable thrown = failureOf(() -> sts().describeCommands(describeCommands()));

        assertThat(((TencentCloudApiException) thrown).apiMessage()).isEqualTo("raw **** b64 **** url **** url20 ****");
    }

    @Test
    void secretsInATasksOutputAndErrorInfoAreRedacted() throws InterruptedException {
        emu.script(CVM_1, TaskScript.failure(1).output("leaked " + STS_KEY + " and " + STS_TOKEN + "\n"));
        String id = sts().invokeCommand(invokeOn(CVM_1)).invocationId();

        InvocationTask task = sts().describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                .filter("invocation-id", id).build()).tasks().get(0);

        assertThat(task.taskResult().outputText()).isEqualTo("leaked **** and ****\n");
    }

    @Test
    void serverTextInTaskFieldsIsMadeVisible() throws InterruptedException {
        emu.script(CVM_1, TaskScript.startFailed("UserNotExists:\r\n[Pipeline] fake\u200b line"));
        String id = sts().invokeCommand(invokeOn(CVM_1)).invocationId();

        InvocationTask task = sts().describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                .filter("invocation-id", id).build()).tasks().get(0);

        assertThat(task.errorInfo()).isEqualTo("UserNotExists:\\u000d\\u000a[Pipeline] fake\\u200b line");
    }

    // ---- Credential values: what the JDK would refuse in a header never gets that far ----

    @ParameterizedTest
    @ValueSource(strings = {"tok\nen", "tok\u007fen", "tok\u0000en", "tok en", "tök", "tok\ren"})
    void aTokenThatIsNotVisibleAsciiIsRefusedWithoutEchoingIt(String token) {
        Throwable thrown = catchThrowable(() -> new ApiKey(STS_ID, STS_KEY, token));

        assertThat(thrown).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("Token")));
        assertThat(thrown.getMessage()).doesNotContain(token).doesNotContain(STS_KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKID\nx", "AKID\u007f", "AKID\u200b"})
    void aSecretIdThatIsNotVisibleAsciiIsRefused(String secretId) {
        Throwable thrown = catchThrowable(() -> new ApiKey(secretId, STS_KEY));

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("SecretId")
                .hasMessageContaining("visible ASCII");
    }

    @Test
    void aBadRequestClientNameIsRefusedByTheBuilder() {
        Throwable thrown = catchThrowable(() -> clientBuilder().requestClient("jenkins\r\nX-Evil: 1").build());

        assertThat(thrown).isInstanceOf(InvalidRequestException.class).hasMessageContaining("RequestClient")
                .hasMessageNotContaining("\r\n");
    }

    @Test
    void theClientsOwnLogLinesOfRetriesHideEchoedSecrets() {
        emu.faults().forAction("DescribeCommands").apiError("InternalError", "saw " + STS_KEY, 100);

        failureOf(() -> sts().describeCommands(describeCommands()));

        assertThat(logLines).isNotEmpty(); // the FINE retry lines were captured, and checked in @AfterEach
    }

    @Test
    void anAnswerThatIsNotJsonInsideIsStillATatException() {
        emu.faults().forAction("DescribeInvocations").answer(envelope("\"TotalCount\":\"many\",\"InvocationSet\":"
                + "{\"not\":\"a list\"},\"RequestId\":\"" + UUID.randomUUID() + "\""), 100);

        Throwable thrown = failureOf(() -> sts().describeInvocations(DescribeInvocationsRequest.builder().build()));

        // Not an empty page: a watcher would take the invocations it asked for as missing.
        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
            assertThat(e.worthRetrying()).isTrue();
            assertThat(e.mayHaveReachedServer()).isTrue();
        }).hasMessageContaining("DescribeInvocations with a response that cannot be used")
                .hasMessageContaining("its TotalCount is missing or not a number").hasMessageContaining("after 4 attempts");
        assertThat(emu.received("DescribeInvocations")).isEqualTo(4);
    }

    @Test
    void aTimeoutMessageIsShortAndPlain() {
        emu.faults().forAction("DescribeCommands").noAnswer(100);

        failureOf(() -> clientBuilder().credential(STS).requestTimeout(Duration.ofMillis(300)).build()
                .describeCommands(describeCommands()));
    }
}
