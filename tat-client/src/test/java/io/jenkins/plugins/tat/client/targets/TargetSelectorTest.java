package io.jenkins.plugins.tat.client.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.client.api.Filter;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

    private static List<String> messages(TargetSelector selector) {
        return selector.validate().stream().map(Violation::toString).toList();
    }

    @Test
    void aTermIsReadFromWhatAUserWrites() {
        assertThat(TagTerm.parse("app=web")).isEqualTo(TagTerm.of("app", "web"));
        assertThat(TagTerm.parse(" app = web , api ")).isEqualTo(TagTerm.of("app", "web", "api"));
        assertThat(TagTerm.parse("app")).isEqualTo(TagTerm.of("app"));
        assertThat(TagTerm.of("app", "web", "api").filter()).isEqualTo(Filter.of("tag:app", "web", "api"));
        assertThat(TagTerm.of("app").filter()).isEqualTo(Filter.of("tag-key", "app"));
        assertThat(TagTerm.fromMap(Map.of("env", List.of()))).containsExactly(TagTerm.of("env"));
    }

    @Test
    void aTermMatchesByKeyAndAnyOfItsValues() {
        assertThat(TagTerm.of("app", "web", "api").matches(Map.of("app", "api"))).isTrue();
        assertThat(TagTerm.of("app", "web").matches(Map.of("app", "db"))).isFalse();
        assertThat(TagTerm.of("app").matches(Map.of("app", ""))).isTrue();
        assertThat(TagTerm.of("app").matches(Map.of("env", "x"))).isFalse();
    }

    @Test
    void validSelectorsHaveNoViolations() {
        assertThat(CvmInstancesByTags.of(TagTerm.of("app", "web"), TagTerm.of("环境", "生产")).validate()).isEmpty();
        assertThat(new CvmInstancesByTags(List.of(TagTerm.of("app")), "ap-guangzhou-3", "web 1").validate()).isEmpty();
        assertThat(LighthouseInstancesByTags.of(TagTerm.of("team", "a:b/c@d (e)")).validate()).isEmpty();
        assertThat(ScalingGroupInstances.of("asg-abcd1234").validate()).isEmpty();
    }

    @Test
    void tagRulesAreCheckedWithClearMessages() {
        assertThat(messages(CvmInstancesByTags.of())).containsExactly("tags: at least one tag is required, e.g. app=web [MissingParameter]");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("qcloud:app", "x")))).singleElement().asString()
                .contains("begins with `qcloud`, which Tencent Cloud reserves");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("app", "we;b")))).singleElement().asString()
                .contains("tags[0].values[0]").contains("has a character tags do not allow");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("a".repeat(128), "x")))).singleElement().asString()
                .contains("longer than 127 characters");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("app", "")))).singleElement().asString()
                .contains("must not be empty");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("app", "x"), TagTerm.of("app", "y")))).singleElement()
                .asString().contains("is given twice");
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("app", "x", "x")))).singleElement().asString()
                .contains("lists a value twice");
    }

    @Test
    void countLimitsFollowEachProduct() {
        String[] six = {"a", "b", "c", "d", "e", "f"};
        assertThat(messages(CvmInstancesByTags.of(TagTerm.of("app", six)))).singleElement().asString()
                .contains("at most 5 values per key");
        assertThat(ManagedInstancesByTags.of(TagTerm.of("app", six)).validate()).hasSize(1);
        assertThat(LighthouseInstancesByTags.of(TagTerm.of("app", six)).validate()).isEmpty();
        List<TagTerm> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(TagTerm.of("k" + i, "v"));
        }
        assertThat(new CvmInstancesByTags(ten, null, null).validate()).isEmpty();
        assertThat(messages(new CvmInstancesByTags(ten, "ap-guangzhou-3", null))).singleElement().asString()
                .contains("at most 9 fit one listing");
    }

    @Test
    void zonesAndScalingGroupsAreChecked() {
        assertThat(messages(new CvmInstancesByTags(List.of(TagTerm.of("a")), "guangzhou", null))).singleElement()
                .asString().contains("not an availability zone");
        assertThat(messages(ScalingGroupInstances.of())).singleElement().asString()
                .contains("1 to 20 scaling groups are required, not 0");
        assertThat(messages(ScalingGroupInstances.of("asg-abcd1234", "asg-abcd1234"))).singleElement().asString()
                .contains("given twice");
    }

    @Test
    void eachProductsEndpointIsBesideTats() {
        assertThat(ServiceEndpoints.beside(URI.create("https://tat.tencentcloudapi.com"), "cvm"))
                .isEqualTo(URI.create("https://cvm.tencentcloudapi.com/"));
        assertThat(ServiceEndpoints.beside(URI.create("https://tat.intl.tencentcloudapi.com"), "lighthouse"))
                .isEqualTo(URI.create("https://lighthouse.intl.tencentcloudapi.com/"));
        assertThat(ServiceEndpoints.beside(URI.create("https://tat.ap-guangzhou.tencentcloudapi.com"), "as"))
                .isEqualTo(URI.create("https://as.ap-guangzhou.tencentcloudapi.com/"));
        URI emulator = URI.create("http://127.0.0.1:8080");
        assertThat(ServiceEndpoints.beside(emulator, "cvm").getAuthority()).isEqualTo("127.0.0.1:8080");
    }
}
