package io.jenkins.plugins.tat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.tat.client.api.DescribeAutomationAgentStatusRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationTasksRequest;
import io.jenkins.plugins.tat.client.api.DescribeInvocationsRequest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Describe page of the wrong shape (its set not a list, its TotalCount missing or not a number,
 * an entry that is not an object) is an unusable answer, never an empty page: a watcher reading an
 * empty page could take an invocation that exists for one that does not. Describe only reads, so
 * such an answer is asked for again, as any other unusable one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TatClientMalformedPageTest extends TatClientTestSupport {

    /** Each Describe action, the name of its page's set, and a call of it. */
    enum Page {
        INVOCATIONS("DescribeInvocations", "InvocationSet"),
        INVOCATION_TASKS("DescribeInvocationTasks", "InvocationTaskSet"),
        COMMANDS("DescribeCommands", "CommandSet"),
        AGENTS("DescribeAutomationAgentStatus", "AutomationAgentSet");

        final String action;
        final String set;

        Page(String action, String set) {
            this.action = action;
            this.set = set;
        }

        /** @return how many items the page read had */
        int call(TatClient client) throws InterruptedException {
            return switch (this) {
                case INVOCATIONS -> client.describeInvocations(DescribeInvocationsRequest.builder().build())
                        .invocations().size();
                case INVOCATION_TASKS -> client.describeInvocationTasks(DescribeInvocationTasksRequest.builder()
                        .filter("invocation-id", "inv-abcd1234").build()).tasks().size();
                case COMMANDS -> client.describeCommands(describeCommands()).commands().size();
                case AGENTS -> client.describeAutomationAgentStatus(DescribeAutomationAgentStatusRequest.builder()
                        .instanceIds(List.of(CVM_1)).build()).agents().size();
            };
        }
    }

    private static String page(String fields) {
        return "{\"Response\":{" + fields + (fields.isEmpty() ? "" : ",") + "\"RequestId\":\"" + UUID.randomUUID()
                + "\"}}";
    }

    private void answerAlways(Page page, String fields) {
        emu.faults().forAction(page.action).answer(page(fields), 100);
    }

    /** The call fails as an unusable answer, asked for 4 times (FAST_RETRIES), saying which field is wrong. */
    private void assertUnusable(Page page, String field) {
        Throwable thrown = catchThrowable(() -> page.call(client()));

        assertThat(thrown).isInstanceOfSatisfying(TatTransportException.class, e -> {
            assertThat(e.action()).isEqualTo(page.action);
            assertThat(e.worthRetrying()).isTrue();
            assertThat(e.mayHaveReachedServer()).isTrue();
            assertThat(e.httpStatus()).isEqualTo(200);
        }).hasMessageContaining("TAT answered " + page.action + " with a response that cannot be used: ")
                .hasMessageContaining(field).hasMessageContaining("after 4 attempts")
                .hasMessageContaining("only reads, so nothing was changed");
        assertThat(emu.received(page.action)).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aSetThatIsNotAListIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":1,\"" + page.set + "\":{\"not\":\"a list\"}");

        assertUnusable(page, "its " + page.set + " is missing or not a list");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aMissingSetWithItemsCountedIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":3");

        assertUnusable(page, "its " + page.set + " is missing or not a list");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aMissingTotalCountIsUnusable(Page page) {
        answerAlways(page, "\"" + page.set + "\":[]");

        assertUnusable(page, "its TotalCount is missing or not a number");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aTotalCountThatIsNotANumberIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":\"many\",\"" + page.set + "\":[]");

        assertUnusable(page, "its TotalCount is missing or not a number");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aNegativeTotalCountIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":-1,\"" + page.set + "\":[]");

        assertUnusable(page, "its TotalCount is missing or not a number");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aFractionalTotalCountIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":1.5,\"" + page.set + "\":[]");

        assertUnusable(page, "its TotalCount is missing or not a number");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void anEntryThatIsNotAnObjectIsUnusable(Page page) {
        answerAlways(page, "\"TotalCount\":2,\"" + page.set + "\":[\"inv-abcd1234\",null]");

        assertUnusable(page, "an entry of its " + page.set + " is not an object");
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void anEmptyPageOfTheRightShapeIsRead(Page page) throws InterruptedException {
        answerAlways(page, "\"TotalCount\":0,\"" + page.set + "\":[]");

        assertThat(page.call(client())).isZero();
        assertThat(emu.received(page.action)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void aPageWithNothingCountedAndNoSetIsReadAsEmpty(Page page) throws InterruptedException {
        answerAlways(page, "\"TotalCount\":0," + "\"" + page.set + "\":null");

        assertThat(page.call(client())).isZero();
        assertThat(emu.received(page.action)).isEqualTo(1);
    }

    @Test
    void aMalformedPageIsAskedForAgainAndTheEmulatorsOwnAnswerIsRead() throws InterruptedException {
        emu.faults().forAction("DescribeCommands").answer(page("\"TotalCount\":\"many\",\"CommandSet\":{}"), 1);

        assertThat(Page.COMMANDS.call(client())).isEqualTo(2);
        assertThat(emu.received("DescribeCommands")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Page.class)
    void theEmulatorsPagesAreWellFormed(Page page) throws InterruptedException {
        page.call(client()); // its own answer, with no fault: read without an error

        assertThat(emu.received(page.action)).isEqualTo(1);
    }
}
