package io.jenkins.plugins.tat.client.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RunCommand (docs/dev/protocol.md §4.2): makes a command of a script, saves it when asked (SaveCommand),
 * and runs it on instances as InvokeCommand runs a saved one. Checks, in this order (the docs give
 * none; the codes are those of docs/dev/protocol.md §3.2, inferred where marked):
 * <ol>
 *   <li>unknown field: UnknownParameter; wrong JSON type: InvalidParameter;</li>
 *   <li>Content or InstanceIds missing or empty: MissingParameter;</li>
 *   <li>Content not base64, empty once decoded, or more than 64 KB of base64:
 *       InvalidParameterValue.InvalidContent;</li>
 *   <li>CommandName over 60 bytes or with other characters than letters, digits, {@code _},
 *       {@code -}, {@code .} and Chinese ones: InvalidParameterValue.InvalidCommandName;
 *       Description over 120 characters: InvalidParameterValue.TooLong (inferred); CommandType not
 *       SHELL, POWERSHELL or BAT: InvalidParameterValue;</li>
 *   <li>the InstanceIds, Timeout, Username, WorkingDirectory and COS rules of
 *       {@link InvokeCommandAction};</li>
 *   <li>DefaultParameters together with DefaultParameterConfs: InvalidParameter.ConflictParameter
 *       (inferred); Parameters or defaults without EnableParameter:
 *       InvalidParameterValue.SupportParametersOnlyIfEnableParameter; DefaultParameterConfs over
 *       20: InvalidParameterValue.ParameterNumberExceeded, a name twice:
 *       InvalidParameter.ParameterNameDuplicated; more than 10 Tags:
 *       InvalidParameterValue.LimitExceeded (inferred);</li>
 *   <li>the Parameters and DefaultParameters rules of {@link InvokeParameters}, and a placeholder
 *       of the content without a value: InvalidParameterValue.LackOfParameters;</li>
 *   <li>SaveCommand with the CommandName of a saved command: InvalidParameterValue.CommandNameDuplicated;</li>
 *   <li>per instance, as InvokeCommand: InstanceNotFound, InstanceStateNotRunning, AgentStatusNotOnline.</li>
 * </ol>
 * The response has the CommandId (saved or not: the invocation refers to it) and the InvocationId.
 * Values of parameters used as {@code {{tat-hidden:name}}} are recorded as {@code ******}.
 */
final class RunCommandAction implements TatAction {

    static final int MAX_CONTENT_BASE64 = 64 * 1024;
    static final int MAX_COMMAND_NAME_BYTES = 60;
    static final int MAX_DESCRIPTION = 120;
    static final int MAX_TAGS = 10;
    static final int MAX_PARAMETER_CONFS = 20;
    static final String MASK = "******";

    private static final Set<String> FIELDS = Set.of("Content", "InstanceIds", "CommandName", "Description",
            "CommandType", "WorkingDirectory", "Timeout", "SaveCommand", "EnableParameter", "DefaultParameters",
            "DefaultParameterConfs", "Parameters", "Tags", "Username", "OutputCOSBucketUrl", "OutputCOSKeyPrefix");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-zA-Z0-9_.\\-\\p{IsHan}]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    @Override
    public String name() {
        return "RunCommand";
    }

    @Override
    public ObjectNode execute(Context context) {
        ActionParams params = new ActionParams(context.body(), FIELDS);
        String contentBase64 = params.string("Content").filter(c -> !c.isEmpty())
                .orElseThrow(() -> InvokeCommandAction.missing("Content"));
        List<String> instanceIds = params.strings("InstanceIds").filter(ids -> !ids.isEmpty())
                .orElseThrow(() -> InvokeCommandAction.missing("InstanceIds"));
        Optional<String> commandName = params.string("CommandName");
        Optional<String> description = params.string("Description");
        String type = params.string("CommandType").orElse("SHELL");
        Optional<String> workingDirectory = params.string("WorkingDirectory");
        Optional<Long> timeout = params.integer("Timeout");
        boolean save = params.bool("SaveCommand").orElse(false);
        boolean enableParameter = params.bool("EnableParameter").orElse(false);
        Optional<String> defaultParameters = params.string("DefaultParameters");
        Optional<List<JsonNode>> confs = params.objects("DefaultParameterConfs");
        Optional<String> parameters = params.string("Parameters");
        Optional<List<JsonNode>> tags = params.objects("Tags");
        Optional<String> username = params.string("Username");
        Optional<String> bucketUrl = params.string("OutputCOSBucketUrl");
        Optional<String> keyPrefix = params.string("OutputCOSKeyPrefix");

        String content = decodeContent(contentBase64);
        commandName.ifPresent(RunCommandAction::checkCommandName);
        description.filter(d -> d.codePointCount(0, d.length()) > MAX_DESCRIPTION).ifPresent(d -> {
            throw new TatApiError("InvalidParameterValue.TooLong", "Description is longer than " + MAX_DESCRIPTION + " characters.");
        });
        if (!List.of("SHELL", "POWERSHELL", "BAT").contains(type)) {
            throw new TatApiError("InvalidParameterValue", "CommandType `" + type + "` is not SHELL, POWERSHELL or BAT.");
        }
        EmulatedInstance.Kind kind = InvokeCommandAction.checkInstanceIds(instanceIds, context.state().maxInstancesPerCall);
        timeout.ifPresent(InvokeCommandAction::checkTimeout);
        username.ifPresent(InvokeCommandAction::checkUsername);
        workingDirectory.ifPresent(InvokeCommandAction::checkWorkingDirectory);
        bucketUrl.ifPresent(InvokeCommandAction::checkBucketUrl);
        keyPrefix.ifPresent(InvokeCommandAction::checkKeyPrefix);
        if (defaultParameters.isPresent() && confs.isPresent()) {
            throw new TatApiError("InvalidParameter.ConflictParameter",
                    "DefaultParameters and DefaultParameterConfs cannot both be given.");
        }
        if (!enableParameter && (parameters.isPresent() || defaultParameters.isPresent() || confs.isPresent())) {
            throw new TatApiError("InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
                    "Parameters and default parameters can only be given with EnableParameter.");
        }
        if (tags.isPresent() && tags.get().size() > MAX_TAGS) {
            throw new TatApiError("InvalidParameterValue.LimitExceeded", "At most " + MAX_TAGS + " Tags are allowed.");
        }
        Map<String, String> defaults = defaultParameters.map(RunCommandAction::readDefaults)
                .orElseGet(() -> confs.map(RunCommandAction::readConfs).orElse(Map.of()));

        EmulatorState state = context.state();
        boolean windows = !type.equals("SHELL");
        EmulatedCommand.Builder builder = EmulatedCommand.builder(state.newId("cmd-"))
                .name(commandName.orElse("")).description(description.orElse("")).content(content).type(type)
                .enableParameter(enableParameter).timeout(timeout.orElse(60L))
                .workingDirectory(workingDirectory.orElse(windows ? "C:\\Program Files\\qcloud\\tat_agent\\workdir" : "/root"))
                .username(username.orElse(windows ? "System" : "root"))
                .outputCosBucketUrl(bucketUrl.orElse("")).outputCosKeyPrefix(keyPrefix.orElse(""))
                .createdTime(context.now());
        defaults.forEach(builder::defaultParameter);
        tags.ifPresent(list -> list.forEach(tag -> builder.tag(tagText(tag, "Key"), tagText(tag, "Value"))));
        EmulatedCommand command = builder.build();
        String effectiveParameters = InvokeParameters.check(command, parameters);
        if (save && commandName.isPresent() && state.commands.values().stream()
                .anyMatch(c -> c.name().equals(commandName.get()))) {
            throw new TatApiError("InvalidParameterValue.CommandNameDuplicated",
                    "A command named `" + commandName.get() + "` already exists.");
        }
        for (String instanceId : instanceIds) {
            InvokeCommandAction.checkInstanceReady(context, instanceId);
        }

        if (save) {
            state.commands.put(command.commandId(), command);
        }
        String invocationId = state.newId("inv-");
        Map<String, String> values = new LinkedHashMap<>(command.defaultParameters());
        values.putAll(TatJson.decodeParameters(effectiveParameters));
        List<TaskRecord> tasks = new ArrayList<>();
        for (String instanceId : instanceIds) {
            tasks.add(new TaskRecord(state.newId("invt-"), instanceId, context.now(),
                    state.scriptFor(command.commandId(), instanceId).withParameters(values)));
        }
        state.invocations.put(invocationId, new InvocationRecord(invocationId, command, context.region(), kind,
                context.now(), command.timeout(), command.username(), command.workingDirectory(),
                command.outputCosBucketUrl(), command.outputCosKeyPrefix(),
                TatJson.encodeParameters(masked(TatJson.decodeParameters(effectiveParameters), command)),
                TatJson.encodeParameters(masked(command.defaultParameters(), command)), tasks));

        ObjectNode response = TatJson.object();
        response.put("CommandId", command.commandId());
        response.put("InvocationId", invocationId);
        return response;
    }

    private static String decodeContent(String base64) {
        if (base64.length() > MAX_CONTENT_BASE64) {
            throw new TatApiError("InvalidParameterValue.InvalidContent", "Content has " + base64.length()
                    + " characters of base64; at most " + MAX_CONTENT_BASE64 + " (64 KB) are allowed.");
        }
        if (base64.length() % 4 != 0 || !BASE64.matcher(base64).matches()) {
            throw new TatApiError("InvalidParameterValue.InvalidContent", "Content is not base64.");
        }
        String script = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        if (script.isBlank()) {
            throw new TatApiError("InvalidParameterValue.InvalidContent", "Content is empty once decoded.");
        }
        return script;
    }

    private static void checkCommandName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_COMMAND_NAME_BYTES || !COMMAND_NAME.matcher(name).matches()) {
            throw new TatApiError("InvalidParameterValue.InvalidCommandName", "CommandName `" + name
                    + "` must have 1 to 60 bytes of letters, digits, `_`, `-`, `.` and Chinese characters.");
        }
    }

    /** DefaultParameters follow the rules of Parameters; a throwaway command with parameters on checks them. */
    private static Map<String, String> readDefaults(String json) {
        EmulatedCommand rules = EmulatedCommand.builder("cmd-defaults").enableParameter(true).build();
        return TatJson.decodeParameters(InvokeParameters.check(rules, Optional.of(json)));
    }

    private static Map<String, String> readConfs(List<JsonNode> confs) {
        if (confs.size() > MAX_PARAMETER_CONFS) {
            throw new TatApiError("InvalidParameterValue.ParameterNumberExceeded",
                    "DefaultParameterConfs has " + confs.size() + " entries; at most " + MAX_PARAMETER_CONFS + " are allowed.");
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (JsonNode conf : confs) {
            JsonNode name = conf.get("ParameterName");
            JsonNode value = conf.get("ParameterValue");
            if (name == null || !name.isTextual() || value == null || !value.isTextual()) {
                throw new TatApiError("MissingParameter", "Each DefaultParameterConfs entry needs a ParameterName and a"
                        + " ParameterValue, both strings.");
            }
            if (!names.add(name.textValue())) {
                throw new TatApiError("InvalidParameter.ParameterNameDuplicated",
                        "DefaultParameterConfs names `" + name.textValue() + "` twice.");
            }
            defaults.put(name.textValue(), value.textValue());
        }
        ObjectNode asJson = TatJson.object();
        defaults.forEach(asJson::put);
        return readDefaults(asJson.toString());
    }

    private static Map<String, String> masked(Map<String, String> values, EmulatedCommand command) {
        Map<String, String> shown = new LinkedHashMap<>(values);
        command.hiddenParameters().forEach(name -> shown.computeIfPresent(name, (k, v) -> MASK));
        return shown;
    }

    /** A Tag's Key or Value: a string (a missing Value is an empty one), else InvalidParameter. */
    private static String tagText(JsonNode tag, String field) {
        JsonNode node = tag.get(field);
        if (node == null && field.equals("Value")) {
            return "";
        }
        if (node == null || !node.isTextual() || (field.equals("Key") && node.textValue().isEmpty())) {
            throw new TatApiError("InvalidParameter", "Each of Tags needs a Key and a Value, both strings.");
        }
        return node.textValue();
    }
}
