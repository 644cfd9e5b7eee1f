package io.jenkins.plugins.tat.client.rollout;

import static io.jenkins.plugins.tat.client.rollout.RolloutPlanTest.cvm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.api.TaskStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

    private static final RolloutPlan CANARY = RolloutPlan.of(cvm(20), Waves.parse(List.of(1, "25%")));

    private static Map<String, TaskStatus> all(List<String> wave, TaskStatus status) {
        Map<String, TaskStatus> statuses = new HashMap<>();
        wave.forEach(id -> statuses.put(id, status));
        return statuses;
    }

    @Test
    void aCleanRolloutRunsEveryWaveAndSucceeds() {
        ErrorBudget budget = new ErrorBudget(CANARY, MaxErrors.NONE, Map.of());
        for (int i = 0; i < CANARY.waveCount(); i++) {
            assertThat(budget.mayContinue()).isTrue();
            budget.judgeWave(all(CANARY.wave(i), TaskStatus.SUCCESS), Set.of());
        }
        RolloutVerdict verdict = budget.verdict();
        assertThat(budget.mayContinue()).isFalse();
        assertThat(verdict.result()).isEqualTo(RolloutVerdict.Result.SUCCESS);
        assertThat(verdict.ran()).isEqualTo(cvm(20));
        assertThat(verdict.notSent()).isEmpty();
        assertThat(verdict.summary()).isEqualTo("Rollout finished, 5 waves: 20 of 20 instances ran, 0 failed (0 allowed),"
                + " 0 never sent, 0 skipped before sending.");
    }

    @Test
    void anErrorBeyondMaxErrorsLetsTheWaveFinishAndSendsNoFurtherWave() {
        ErrorBudget budget = new ErrorBudget(CANARY, MaxErrors.parse(1), Map.of());
        assertThat(budget.judgeWave(all(CANARY.wave(0), TaskStatus.SUCCESS), Set.of())).isTrue();
        Map<String, TaskStatus> second = all(CANARY.wave(1), TaskStatus.SUCCESS);
        second.put("ins-00000002", TaskStatus.FAILED);
        second.put("ins-00000004", TaskStatus.TASK_TIMEOUT);
        assertThat(budget.judgeWave(second, Set.of())).isFalse();

        RolloutVerdict verdict = budget.verdict();
        assertThat(verdict.result()).isEqualTo(RolloutVerdict.Result.FAILURE);
        assertThat(verdict.ran()).hasSize(6);
        assertThat(verdict.failed()).containsExactly(Map.entry("ins-00000002", "FAILED"),
                Map.entry("ins-00000004", "TASK_TIMEOUT"));
        assertThat(verdict.notSent()).isEqualTo(cvm(20).subList(6, 20));
        assertThat(verdict.summary()).startsWith("Rollout stopped after wave 2 of 5: 6 of 20 instances ran, 2 failed"
                + " (1 allowed), 14 never sent");
        assertThatThrownBy(() -> budget.judgeWave(Map.of(), Set.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorsUpToMaxErrorsAreToleratedAndMakeTheResultUnstable() {
        ErrorBudget budget = new ErrorBudget(RolloutPlan.of(cvm(4), Waves.parse(2)), MaxErrors.parse("25%"), Map.of());
        assertThat(budget.judgeWave(Map.of("ins-00000000", TaskStatus.TIMEOUT, "ins-00000001", TaskStatus.SUCCESS),
                Set.of())).isTrue();
        assertThat(budget.judgeWave(Map.of("ins-00000002", TaskStatus.SUCCESS, "ins-00000003", TaskStatus.SUCCESS),
                Set.of())).isFalse();
        assertThat(budget.verdict().result()).isEqualTo(RolloutVerdict.Result.UNSTABLE);
        assertThat(budget.verdict().stopped()).isFalse();
    }

    @Test
    void everyInstanceOfARefusedCallCountsAsAnError() {
        ErrorBudget budget = new ErrorBudget(RolloutPlan.of(cvm(6), Waves.parse(3)), MaxErrors.parse(2), Map.of());
        assertThat(budget.judgeWave(Map.of(), Set.of("ins-00000000", "ins-00000001", "ins-00000002"))).isFalse();
        assertThat(budget.verdict().failed()).containsOnlyKeys("ins-00000000", "ins-00000001", "ins-00000002")
                .containsValue(ErrorBudget.REFUSED_SEND);
        assertThat(budget.verdict().ran()).isEmpty();
        assertThat(budget.verdict().notSent()).containsExactly("ins-00000003", "ins-00000004", "ins-00000005");
    }

    @Test
    void onlyTheDocumentedStatusesCountAndCancellationsDoNot() {
        assertThat(ErrorStatuses.all()).containsExactlyInAnyOrder(TaskStatus.FAILED, TaskStatus.TIMEOUT,
                TaskStatus.TASK_TIMEOUT, TaskStatus.START_FAILED, TaskStatus.DELIVER_FAILED);
        ErrorBudget budget = new ErrorBudget(RolloutPlan.of(cvm(3), Waves.ALL_AT_ONCE), MaxErrors.NONE, Map.of());
        budget.judgeWave(Map.of("ins-00000000", TaskStatus.CANCELLED, "ins-00000001", TaskStatus.TERMINATED,
                "ins-00000002", TaskStatus.SUCCESS), Set.of());
        assertThat(budget.errors()).isZero();
    }

    @Test
    void skippedInstancesAreReportedApartAndMakeTheResultUnstable() {
        ErrorBudget budget = new ErrorBudget(RolloutPlan.of(cvm(2), Waves.ALL_AT_ONCE), MaxErrors.NONE,
                Map.of("ins-zzzz0001", "not running (STOPPED)"));
        budget.judgeWave(all(cvm(2), TaskStatus.SUCCESS), Set.of());
        RolloutVerdict verdict = budget.verdict();
        assertThat(verdict.result()).isEqualTo(RolloutVerdict.Result.UNSTABLE);
        assertThat(verdict.skipped()).containsEntry("ins-zzzz0001", "not running (STOPPED)");
        assertThat(verdict.failed()).isEmpty();
    }

    @Test
    void beforeAnyWaveEverythingIsUnsent() {
        ErrorBudget budget = new ErrorBudget(CANARY, MaxErrors.NONE, Map.of());
        assertThat(budget.verdict().notSent()).isEqualTo(cvm(20));
        assertThat(budget.verdict().summary()).startsWith("Rollout under way, 0 of 5 waves done");
    }

    @Test
    void instancesOutsideTheWaveAreRefused() {
        ErrorBudget budget = new ErrorBudget(CANARY, MaxErrors.NONE, Map.of());
        assertThatThrownBy(() -> budget.judgeWave(Map.of("ins-00000005", TaskStatus.SUCCESS), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ins-00000005");
    }

    @Test
    void theBudgetSurvivesSerialisationWithItsCounts() throws Exception {
        ErrorBudget budget = new ErrorBudget(CANARY, MaxErrors.parse(3), Map.of());
        budget.judgeWave(Map.of("ins-00000000", TaskStatus.FAILED), Set.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(budget);
        }
        ErrorBudget copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ErrorBudget) in.readObject();
        }
        assertThat(copy.errors()).isEqualTo(1);
        assertThat(copy.wavesJudged()).isEqualTo(1);
        assertThat(copy.judgeWave(all(CANARY.wave(1), TaskStatus.SUCCESS), Set.of())).isTrue();
    }
}
