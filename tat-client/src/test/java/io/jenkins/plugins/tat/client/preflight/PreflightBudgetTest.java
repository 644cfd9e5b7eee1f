package io.jenkins.plugins.tat.client.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PreflightBudget}: at most two requests, so the checks are left out above 200 instances. */
class PreflightBudgetTest {

    @Test
    void aSavedCommandOnUpTo100InstancesGetsBothChecksInTwoRequests() {
        for (int instances : new int[] {1, 100}) {
            PreflightBudget.Plan plan = PreflightBudget.plan(instances, true);

            assertThat(plan.checkAgents()).as("%d instances", instances).isTrue();
            assertThat(plan.checkParameters()).as("%d instances", instances).isTrue();
            assertThat(plan.parametersSkipped()).isFalse();
            assertThat(plan.agentRequests() + 1).isLessThanOrEqualTo(PreflightBudget.MAX_REQUESTS);
        }
    }

    @Test
    void aSavedCommandOn101To200InstancesHasItsAgentsCheckedButNotItsParameters() {
        for (int instances : new int[] {101, 200}) {
            PreflightBudget.Plan plan = PreflightBudget.plan(instances, true);

            assertThat(plan.checkAgents()).isTrue();
            assertThat(plan.checkParameters()).isFalse();
            assertThat(plan.parametersSkipped()).as("%d instances", instances).isTrue();
            assertThat(plan.agentRequests()).isEqualTo(2);
            assertThat(plan.requestsWithParameters()).isEqualTo(3);
        }
    }

    @Test
    void aScriptOnUpTo200InstancesHasItsAgentsCheckedAndNoParameterRequest() {
        PreflightBudget.Plan plan = PreflightBudget.plan(200, false);

        assertThat(plan.checkAgents()).isTrue();
        assertThat(plan.checkParameters()).isFalse();
        assertThat(plan.parametersSkipped()).isFalse();
        assertThat(plan.agentRequests()).isEqualTo(2);
    }

    @Test
    void above200InstancesNothingIsChecked() {
        for (boolean savedCommand : new boolean[] {true, false}) {
            PreflightBudget.Plan plan = PreflightBudget.plan(201, savedCommand);

            assertThat(plan.checkAgents()).isFalse();
            assertThat(plan.checkParameters()).isFalse();
            assertThat(plan.parametersSkipped()).as("the whole check is skipped, said once").isFalse();
            assertThat(plan.agentRequests()).isEqualTo(3);
        }
        assertThat(PreflightBudget.plan(1000, true).agentRequests()).isEqualTo(10);
    }

    @Test
    void theBudgetIsTwoRequests() {
        assertThat(PreflightBudget.MAX_REQUESTS).isEqualTo(2);
        assertThatThrownBy(() -> PreflightBudget.plan(-1, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
