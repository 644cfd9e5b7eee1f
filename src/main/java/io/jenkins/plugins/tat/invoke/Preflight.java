package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.TatException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.Command;
import io.jenkins.plugins.tat.client.api.DescribeCommandsRequest;
import io.jenkins.plugins.tat.client.api.DescribeCommandsResponse;
import io.jenkins.plugins.tat.client.preflight.AgentCheck;
import io.jenkins.plugins.tat.client.preflight.CamRefusal;
import io.jenkins.plugins.tat.client.preflight.ParameterCheck;
import io.jenkins.plugins.tat.client.preflight.PreflightBudget;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.config.TatClientFactory;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The checks made before an invocation is sent, so that what TAT would refuse one code at a time,
 * or show only afterwards as a task that never ran, fails fast with every instance or parameter
 * named and nothing sent:
 * <ul>
 *   <li>the agents of the instances, with DescribeAutomationAgentStatus (one request per 100
 *       instances): an offline or missing agent fails the step, or, with
 *       {@code skipOfflineInstances}, leaves its instance out;</li>
 *   <li>for a saved command ({@code tatInvoke}), its parameters against the command, with one
 *       DescribeCommands: parameters the command does not take, names it does not declare, and
 *       names it needs that have no default and were not given ({@link ParameterCheck}). A script's
 *       parameters ({@code tatRun}) need no request: the script is at hand, and
 *       {@code RunCommandRequest.validate()} checks them.</li>
 * </ul>
 *
 * <p><b>Cost.</b> They run when they take at most {@value PreflightBudget#MAX_REQUESTS} requests (one agent
 * request for up to 100 instances plus the DescribeCommands, or two agent requests for a script
 * on up to 200: tat-client's {@link PreflightBudget}), unless {@code preflight: false}; beyond, the
 * parameter check is left out, and the log says so. Both are reads made once per deployment, so they take the rate limit's
 * deployment share like InvokeCommand itself, not the polling share
 * ({@code TatAction.isPolling()}): waiting builds never hold them up.
 *
 * <p><b>Permissions.</b> A key whose CAM policy lacks {@code tat:DescribeAutomationAgentStatus} or
 * {@code tat:DescribeCommands} gets a warning naming the permission (and {@code preflight: false})
 * and the invocation is sent without that check, as it was before the checks existed: a policy
 * written for an earlier release keeps working. Any other failure of a check fails the step, with
 * nothing sent.
 */
@Restricted(NoExternalUse.class)
final class Preflight {

    /** How many instances a message names before it says "…". */
    private static final int NAMED = 20;

    private Preflight() {}

    /**
     * Runs the checks the spec asks for.
     *
     * @param client the client, for the spec's key and region
     * @param spec what is about to be sent, already valid
     * @param listener the build log
     * @return the instances to send to: all of them, or with {@code skipOfflineInstances} those
     *     whose agent is online
     * @throws AbortException if a check fails: nothing may be sent
     * @throws InterruptedException if the build is aborted meanwhile
     */
    @NonNull
    static List<String> check(@NonNull TatClient client, @NonNull InvocationSpec spec, @NonNull TaskListener listener)
            throws AbortException, InterruptedException {
        List<String> instances = spec.getInstanceIds();
        if (!spec.isPreflight()) {
            return instances;
        }
        PrintStream log = listener.getLogger();
        PreflightBudget.Plan plan = PreflightBudget.plan(instances.size(), spec.getKind() == InvocationSpec.Kind.COMMAND);
        if (!plan.checkAgents()) {
            log.println(Messages.Preflight_TooMany(instances.size(), plan.agentRequests()));
            return instances;
        }
        if (plan.checkParameters()) {
            checkParameters(client, spec, log);
        } else if (plan.parametersSkipped()) {
            log.println(Messages.Preflight_ParametersSkipped(spec.getCommandId(), instances.size(), plan.requestsWithParameters()));
        }
        return checkAgents(client, spec, instances, log);
    }

    private static void checkParameters(TatClient client, InvocationSpec spec, PrintStream log)
            throws AbortException, InterruptedException {
        String commandId = spec.getCommandId();
        DescribeCommandsResponse page;
        try {
            page = client.describeCommands(DescribeCommandsRequest.builder().commandIds(List.of(commandId)).limit(1).build());
        } catch (TatException e) {
            failOrWarn(e, client, "tat:DescribeCommands", log);
            return;
        }
        Command command = page.commands().stream().filter(c -> commandId.equals(c.commandId())).findFirst().orElse(null);
        if (command == null) {
            throw new AbortException(Messages.Preflight_CommandNotFound(commandId, client.region(), page.requestId()));
        }
        Set<String> given = spec.givenParameterNames();
        List<Violation> violations = ParameterCheck.check(command, given);
        if (!violations.isEmpty()) {
            throw new AbortException(new InvalidRequestException(Messages.Preflight_ParametersOf(commandId, page.requestId()),
                    violations).getMessage() + "\n" + Messages.Preflight_TurnOff());
        }
    }

    private static List<String> checkAgents(TatClient client, InvocationSpec spec, List<String> instances, PrintStream log)
            throws AbortException, InterruptedException {
        AgentCheck.Result agents;
        try {
            agents = AgentCheck.check(client, instances);
        } catch (TatException e) {
            failOrWarn(e, client, "tat:DescribeAutomationAgentStatus", log);
            return instances;
        }
        if (agents.allOnline()) {
            log.println(Messages.Preflight_AgentsOnline(instances.size()));
            return instances;
        }
        String notOnline = notOnlineList(agents, client.region());
        int count = agents.notOnline().size();
        String requestIds = String.join(", ", agents.requestIds());
        if (!spec.isSkipOfflineInstances() || agents.online().isEmpty()) {
            throw new AbortException(Messages.Preflight_AgentsNotOnline(count, instances.size(), notOnline, requestIds)
                    + (spec.isSkipOfflineInstances() ? "" : " " + Messages.Preflight_HowToGoOn()));
        }
        log.println(Messages.Preflight_Skipping(count, instances.size(), notOnline, agents.online().size()));
        return agents.online();
    }

    /** Each instance that cannot take a command, and why. */
    private static String notOnlineList(AgentCheck.Result agents, String region) {
        List<String> lines = new ArrayList<>();
        agents.offline().forEach(id -> lines.add(Messages.Preflight_Offline(id)));
        agents.missing().forEach(id -> lines.add(Messages.Preflight_Missing(id, region)));
        return lines.stream().limit(NAMED).collect(Collectors.joining(", ")) + (lines.size() > NAMED ? ", …" : "");
    }

    /**
     * A check that could not be made: a CAM policy without the permission only warns (the
     * invocation is sent as without the check); anything else fails the step.
     */
    private static void failOrWarn(TatException e, TatClient client, String permission, PrintStream log)
            throws AbortException {
        if (CamRefusal.isCamRefusal(e) && e instanceof TencentCloudApiException api) {
            log.println(Messages.Preflight_NotAllowed(permission, api.errorCode(), api.requestId()));
            return;
        }
        throw new AbortException(Messages.Preflight_Failed(TatClientFactory.explain(e, client)) + " " + Messages.Preflight_TurnOff());
    }
}
