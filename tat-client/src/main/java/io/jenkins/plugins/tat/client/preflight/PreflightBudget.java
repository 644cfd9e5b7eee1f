package io.jenkins.plugins.tat.client.preflight;

/**
 * How many requests the pre-flight checks may take when they are on by default, and which checks
 * fit in it. The checks cost one {@link AgentCheck} request per {@value AgentCheck#IDS_PER_CALL}
 * instances plus, for a saved command, one DescribeCommands for {@link ParameterCheck}; at most
 * {@value #MAX_REQUESTS} are made, so a deployment never waits on a long series of reads before it
 * is sent: the agents of up to 200 instances, or of up to 100 and the command's parameters. Beyond,
 * a check is left out (and the caller says so), never split or shortened.
 */
public final class PreflightBudget {

    /** The most requests the checks may take by default. */
    public static final int MAX_REQUESTS = 2;

    private PreflightBudget() {}

    /**
     * Which checks fit in the budget.
     *
     * @param instances how many instances the invocation targets
     * @param agentRequests how many DescribeAutomationAgentStatus requests checking their agents takes
     * @param checkAgents whether the agents are checked
     * @param checkParameters whether a saved command's parameters are checked (never for a script)
     * @param parametersSkipped whether a saved command's parameters are left out while its agents
     *     are checked: the two together would take more than {@value #MAX_REQUESTS} requests
     */
    public record Plan(int instances, int agentRequests, boolean checkAgents, boolean checkParameters,
            boolean parametersSkipped) {

        /** @return how many requests the parameter check and the agent check together would take */
        public int requestsWithParameters() {
            return agentRequests + 1;
        }
    }

    /**
     * @param instances how many instances the invocation targets
     * @param savedCommand whether it runs a saved command ({@code InvokeCommand}), whose parameters
     *     are checked against the command; a script's ({@code RunCommand}) need no request
     * @return the checks to make
     */
    public static Plan plan(int instances, boolean savedCommand) {
        if (instances < 0) {
            throw new IllegalArgumentException("instances must not be negative: " + instances);
        }
        int agentRequests = AgentCheck.calls(instances);
        boolean checkAgents = agentRequests <= MAX_REQUESTS;
        boolean checkParameters = checkAgents && savedCommand && agentRequests + 1 <= MAX_REQUESTS;
        boolean parametersSkipped = checkAgents && savedCommand && !checkParameters;
        return new Plan(instances, agentRequests, checkAgents, checkParameters, parametersSkipped);
    }
}
