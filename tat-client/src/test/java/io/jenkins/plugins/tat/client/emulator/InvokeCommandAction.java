package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * InvokeCommand (docs/dev/protocol.md §4.1): runs a saved command on instances and returns the new
 * InvocationId. Checks, in this order, with the codes of docs/dev/protocol.md §3.2 and §8:
 * <ol>
 *   <li>unknown field: UnknownParameter; wrong JSON type: InvalidParameter;</li>
 *   <li>CommandId or InstanceIds missing or empty: MissingParameter;</li>
 *   <li>malformed CommandId: InvalidParameterValue.InvalidCommandId;</li>
 *   <li>more than 200 instances: InvalidParameterValue.LimitExceeded (the current definition says
 *       200, an older doc 100, §8 open question 3);</li>
 *   <li>malformed instance ID: InvalidParameterValue.InvalidInstanceId; an ID given twice:
 *       InvalidParameterValue (inferred);</li>
 *   <li>instances of different kinds ({@code ins-}, {@code lhins-}, {@code rins-}):
 *       InvalidParameterValue.InconsistentInstance (any mix, inferred, §5);</li>
 *   <li>Timeout outside [1, 86400]: InvalidParameterValue.Range; blank Username:
 *       InvalidParameter.InvalidUsername; blank WorkingDirectory:
 *       InvalidParameterValue.InvalidWorkingDirectory; OutputCOSBucketUrl not https:
 *       InvalidParameterValue.InvalidOutputCOSBucketUrl; bad OutputCOSKeyPrefix:
 *       InvalidParameterValue.InvalidOutputCOSKeyPrefix;</li>
 *   <li>unknown command: ResourceNotFound.CommandNotFound;</li>
 *   <li>Parameters: see {@link InvokeParameters};</li>
 *   <li>per instance: unknown, or in another region: ResourceNotFound.InstanceNotFound; not
 *       running: ResourceUnavailable.InstanceStateNotRunning; agent offline:
 *       ResourceUnavailable.AgentStatusNotOnline.</li>
 * </ol>
 */
final class InvokeCommandAction implements TatAction {

    static final int MAX_INSTANCES = 200;
    static final long MIN_TIMEOUT = 1;
    static final long MAX_TIMEOUT = 86_400;
    static final int MAX_COS_KEY_PREFIX = 60;

    private static final Set<String> FIELDS = Set.of("CommandId", "InstanceIds", "Parameters", "Username",
            "WorkingDirectory", "Timeout", "OutputCOSBucketUrl", "OutputCOSKeyPrefix");

    @Override
    public String name() {
        return "InvokeCommand";
    }

    @Override
    public ObjectNode execute(Context context) {
        ActionParams params = new ActionParams(context.body(), FIELDS);
        String commandId = params.string("CommandId").orElseThrow(() -> missing("CommandId"));
        List<String> instanceIds = params.strings("InstanceIds").filter(ids -> !ids.isEmpty())
                .orElseThrow(() -> missing("InstanceIds"));
        Optional<String> parameters = params.string("Parameters");
        Optional<String> username = params.string("Username");
        Optional<String> workingDirectory = params.string("WorkingDirectory");
        Optional<Long> timeout = params.integer("Timeout");
        Optional<String> bucketUrl = params.string("OutputCOSBucketUrl");
        Optional<String> keyPrefix = params.string("OutputCOSKeyPrefix");

        TatIds.COMMAND.requireWellFormed("CommandId", commandId);
        EmulatedInstance.Kind kind = checkInstanceIds(instanceIds, context.state().maxInstancesPerCall);
        timeout.ifPresent(InvokeCommandAction::checkTimeout);
        username.ifPresent(InvokeCommandAction::checkUsername);
        workingDirectory.ifPresent(InvokeCommandAction::checkWorkingDirectory);
        bucketUrl.ifPresent(InvokeCommandAction::checkBucketUrl);
        keyPrefix.ifPresent(InvokeCommandAction::checkKeyPrefix);

        EmulatorState state = context.state();
        EmulatedCommand command = Optional.ofNullable(state.commands.get(commandId))
                .orElseThrow(() -> new TatApiError("ResourceNotFound.CommandNotFound",
                        "The command `" + commandId + "` does not exist."));
        String effectiveParameters = InvokeParameters.check(command, parameters);
        for (String instanceId : instanceIds) {
            checkInstanceReady(context, instanceId);
        }

        String invocationId = state.newId("inv-");
        Map<String, String> values = new LinkedHashMap<>(command.defaultParameters());
        values.putAll(TatJson.decodeParameters(effectiveParameters));
        List<TaskRecord> tasks = new ArrayList<>();
        for (String instanceId : instanceIds) {
            tasks.add(new TaskRecord(state.newId("invt-"), instanceId, context.now(),
                    state.scriptFor(commandId, instanceId).withParameters(values)));
        }
        state.invocations.put(invocationId, new InvocationRecord(invocationId, command, context.region(), kind,
                context.now(), timeout.orElse(command.timeout()), username.orElse(command.username()),
                workingDirectory.orElse(command.workingDirectory()), bucketUrl.orElse(command.outputCosBucketUrl()),
                keyPrefix.orElse(command.outputCosKeyPrefix()), effectiveParameters,
                TatJson.encodeParameters(command.defaultParameters()), tasks));

        ObjectNode response = TatJson.object();
        response.put("InvocationId", invocationId);
        return response;
    }

    static EmulatedInstance.Kind checkInstanceIds(List<String> instanceIds, int maxInstances) {
        if (instanceIds.size() > maxInstances) {
            throw new TatApiError("InvalidParameterValue.LimitExceeded", "InstanceIds has " + instanceIds.size()
                    + " instances; at most " + maxInstances + " are allowed.");
        }
        Set<String> seen = new HashSet<>();
        Set<EmulatedInstance.Kind> kinds = new HashSet<>();
        for (String instanceId : instanceIds) {
            TatIds.INSTANCE.requireWellFormed("InstanceIds", instanceId);
            if (!seen.add(instanceId)) {
                throw new TatApiError("InvalidParameterValue", "InstanceIds lists `" + instanceId + "` twice.");
            }
            kinds.add(EmulatedInstance.Kind.ofId(instanceId));
        }
        if (kinds.size() > 1) {
            throw new TatApiError("InvalidParameterValue.InconsistentInstance",
                    "InstanceIds mixes instance kinds " + kinds + "; one invocation targets one kind.");
        }
        return kinds.iterator().next();
    }

    static void checkTimeout(long seconds) {
        if (seconds < MIN_TIMEOUT || seconds > MAX_TIMEOUT) {
            throw new TatApiError("InvalidParameterValue.Range",
                    "Timeout is " + seconds + "; it must be between 1 and 86400 seconds.");
        }
    }

    static void checkUsername(String username) {
        if (username.isBlank()) {
            throw new TatApiError("InvalidParameter.InvalidUsername", "Username must not be blank.");
        }
    }

    static void checkWorkingDirectory(String directory) {
        if (directory.isBlank()) {
            throw new TatApiError("InvalidParameterValue.InvalidWorkingDirectory", "WorkingDirectory must not be blank.");
        }
    }

    /** "Must start with https", e.g. {@code https://BucketName-123454321.cos.ap-beijing.myqcloud.com}. */
    static void checkBucketUrl(String url) {
        if (!url.startsWith("https://")) {
            throw new TatApiError("InvalidParameterValue.InvalidOutputCOSBucketUrl",
                    "OutputCOSBucketUrl `" + url + "` must be an https:// URL.");
        }
    }

    /** Up to 60 characters; {@code /} separates directories; no leading {@code /}, {@code //} or {@code ..}. */
    static void checkKeyPrefix(String prefix) {
        String problem = null;
        if (prefix.length() > MAX_COS_KEY_PREFIX) {
            problem = "is longer than " + MAX_COS_KEY_PREFIX + " characters";
        } else if (prefix.startsWith("/")) {
            problem = "starts with /";
        } else if (prefix.contains("//")) {
            problem = "contains //";
        } else if (List.of(prefix.split("/", -1)).contains("..")) {
            problem = "has a .. segment";
        }
        if (problem != null) {
            throw new TatApiError("InvalidParameterValue.InvalidOutputCOSKeyPrefix",
                    "OutputCOSKeyPrefix `" + prefix + "` " + problem + ".");
        }
    }

    static void checkInstanceReady(Context context, String instanceId) {
        InstanceState instance = context.state().instances.get(instanceId);
        if (instance == null || !instance.instance.region().equals(context.region())) {
            throw new TatApiError("ResourceNotFound.InstanceNotFound",
                    "The instance `" + instanceId + "` does not exist in region " + context.region() + ".");
        }
        if (!instance.running) {
            throw new TatApiError("ResourceUnavailable.InstanceStateNotRunning",
                    "The instance `" + instanceId + "` is not in the RUNNING state.");
        }
        if (!instance.agent.isOnlineAt(context.now())) {
            throw new TatApiError("ResourceUnavailable.AgentStatusNotOnline",
                    "The TAT agent on `" + instanceId + "` is not online.");
        }
    }

    static TatApiError missing(String field) {
        return new TatApiError("MissingParameter", "The required parameter `" + field + "` is missing.");
    }
}
