package io.jenkins.plugins.tat.client.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link InvocationIdList}: the comma-separated InvocationIds a step returns and
 * {@code TAT_INVOCATION_IDS} holds, read back the same by {@code tatWait}.
 */
class InvocationIdListTest {

    @Test
    void joinedIdsParseBackToTheSameList() {
        List<String> ids = List.of("inv-aaaa1111", "inv-bbbb2222", "inv-cccc3333");

        String text = InvocationIdList.join(ids);

        assertThat(text).isEqualTo("inv-aaaa1111,inv-bbbb2222,inv-cccc3333");
        assertThat(InvocationIdList.parse(text)).isEqualTo(ids);
        assertThat(InvocationIdList.join(List.of("inv-aaaa1111"))).isEqualTo("inv-aaaa1111");
    }

    @Test
    void parsingIgnoresSpacesAndEmptyParts() {
        assertThat(InvocationIdList.parse(" inv-aaaa1111 , ,inv-bbbb2222,")).containsExactly("inv-aaaa1111", "inv-bbbb2222");
        assertThat(InvocationIdList.parse(null)).isEmpty();
        assertThat(InvocationIdList.parse(" , ")).isEmpty();
    }

    @Test
    void checkingNamesEachBadOrRepeatedIdByPosition() {
        List<Violation> violations = InvocationIdList.check("invocationId",
                InvocationIdList.parse("inv-aaaa1111,cmd-bbbb2222,inv-aaaa1111"));

        assertThat(violations).extracting(Violation::field).containsExactly("invocationId[1]", "invocationId[2]");
        assertThat(InvocationIdList.check("invocationId", List.of())).extracting(Violation::errorCode)
                .containsExactly("MissingParameter");
        assertThat(InvocationIdList.check("invocationId", List.of("inv-aaaa1111"))).isEmpty();
    }

    @Test
    void aFleetsBatchesBuildTheListInBatchOrder() {
        String list = InvocationIdList.append(null, "inv-aaaa1111", 0, "inv-aaaa1111");
        list = InvocationIdList.append(list, "inv-bbbb2222", 1, "inv-aaaa1111");
        list = InvocationIdList.append(list, "inv-cccc3333", 2, "inv-aaaa1111");

        assertThat(list).isEqualTo("inv-aaaa1111,inv-bbbb2222,inv-cccc3333")
                .isEqualTo(InvocationIdList.join(List.of("inv-aaaa1111", "inv-bbbb2222", "inv-cccc3333")));
    }

    @Test
    void anInvocationSentAloneOrAnotherFleetStartsANewList() {
        String fleet = "inv-aaaa1111,inv-bbbb2222";

        assertThat(InvocationIdList.append(fleet, "inv-dddd4444", 0, null)).isEqualTo("inv-dddd4444");
        assertThat(InvocationIdList.append(fleet, "inv-eeee5555", 0, "inv-eeee5555")).isEqualTo("inv-eeee5555");
        assertThat(InvocationIdList.append(fleet, "inv-ffff6666", 1, "inv-eeee5555"))
                .as("a later batch of a fleet that does not start the list").isEqualTo("inv-ffff6666");
        assertThat(InvocationIdList.append("inv-aaaa11112", "inv-bbbb2222", 1, "inv-aaaa1111"))
                .as("a prefix of an ID is not the ID").isEqualTo("inv-bbbb2222");
    }
}
