package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import io.jenkins.plugins.tat.client.rules.ParameterPlaceholders;
import io.jenkins.plugins.tat.client.rules.RunCommandRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.client.text.UrlText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A RunCommand request: run a script on instances, optionally saving it as a command
 * (docs/dev/protocol.md §4.2).
 *
 * <pre>{@code
 * RunCommandRequest request = RunCommandRequest.builder()
 *     .content("systemctl restart {{service}}").instanceIds(List.of("ins-abcd1234"))
 *     .enableParameter(true).parameters(Map.of("service", "nginx"))
 *     .build();
 * }</pre>
 *
 * <p>The content is given as text and sent base64-encoded, as the API wants. Building never
 * fails; {@link #validate()} lists every broken rule ({@link RunCommandRules} for RunCommand's own
 * fields, {@link InvokeCommandRules} and {@link CommandParameters} for the ones it shares with
 * InvokeCommand), and {@link TatClient#runCommand} refuses an invalid request without sending it.
 * {@link #toString()} never shows the script (only its size) nor a parameter value: a script may
 * hold a secret.
 */
public final class RunCommandRequest {

    private final String content;
    private final List<String> instanceIds;
    private final String commandName;
    private final String description;
    private final String commandType;
    private final String workingDirectory;
    private final Long timeout;
    private final boolean saveCommand;
    private final boolean enableParameter;
    private final Parameters defaultParameters;
    private final List<DefaultParameterConf> defaultParameterConfs;
    private final Parameters parameters;
    private final String username;
    private final String outputCosBucketUrl;
    private final String outputCosKeyPrefix;
    private final List<Tag> tags;

    /** Parameters as a map or as JSON text, checked by {@link CommandParameters} under a field's name. */
    private record Parameters(String field, Map<?, ?> map, String json) {
        CommandParameters.Check check() {
            return json != null ? CommandParameters.fromJson(field, json) : CommandParameters.fromMap(field, map);
        }

        static Parameters ofMap(String field, Map<?, ?> map) {
            return map == null ? null : new Parameters(field, Collections.unmodifiableMap(new LinkedHashMap<>(map)), null);
        }

        static Parameters ofJson(String field, String json) {
            return json == null ? null : new Parameters(field, null, json);
        }
    }

    private RunCommandRequest(Builder b) {
        this.content = b.content;
        this.instanceIds = b.instanceIds == null ? null : Collections.unmodifiableList(new ArrayList<>(b.instanceIds));
        this.commandName = b.commandName;
        this.description = b.description;
        this.commandType = b.commandType;
        this.workingDirectory = b.workingDirectory;
        this.timeout = b.timeout;
        this.saveCommand = b.saveCommand;
        this.enableParameter = b.enableParameter;
        this.defaultParameters = b.defaultParameters;
        this.defaultParameterConfs = b.defaultParameterConfs == null ? null : List.copyOf(b.defaultParameterConfs);
        this.parameters = b.parameters;
        this.username = b.username;
        this.outputCosBucketUrl = b.outputCosBucketUrl;
        this.outputCosKeyPrefix = b.outputCosKeyPrefix;
        this.tags = b.tags;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this request's values, e.g. to send it to fewer instances */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.content = content;
        b.instanceIds = instanceIds;
        b.commandName = commandName;
        b.description = description;
        b.commandType = commandType;
        b.workingDirectory = workingDirectory;
        b.timeout = timeout;
        b.saveCommand = saveCommand;
        b.enableParameter = enableParameter;
        b.defaultParameters = defaultParameters;
        b.defaultParameterConfs = defaultParameterConfs;
        b.parameters = parameters;
        b.username = username;
        b.outputCosBucketUrl = outputCosBucketUrl;
        b.outputCosKeyPrefix = outputCosKeyPrefix;
        b.tags = tags;
        return b;
    }

    /** @return the script, as text; never log it */
    public String content() {
        return content;
    }

    /** @return the instance IDs as given; empty if none */
    public List<String> instanceIds() {
        return instanceIds == null ? List.of() : instanceIds;
    }

    /** @return the command name, if given */
    public Optional<String> commandName() {
        return Optional.ofNullable(commandName);
    }

    /** @return the description, if given */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return the command type as sent, {@code SHELL} when none was given */
    public String commandType() {
        return commandType == null ? "SHELL" : commandType;
    }

    /** @return the working directory, if given */
    public Optional<String> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** @return the timeout in seconds, if given */
    public Optional<Long> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** @return whether TAT saves the script as a command */
    public boolean saveCommand() {
        return saveCommand;
    }

    /** @return whether {@code {{name}}} placeholders are replaced by parameter values */
    public boolean enableParameter() {
        return enableParameter;
    }

    /** @return the user to run as, if given */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return the COS bucket URL for the output, if given */
    public Optional<String> outputCosBucketUrl() {
        return Optional.ofNullable(outputCosBucketUrl);
    }

    /** @return the COS key prefix for the output, if given */
    public Optional<String> outputCosKeyPrefix() {
        return Optional.ofNullable(outputCosKeyPrefix);
    }

    /** @return the tags a saved command carries, in order; empty when none */
    public List<Tag> tags() {
        return tags == null ? List.of() : tags;
    }

    /** @return the placeholders of the script */
    public ParameterPlaceholders placeholders() {
        return ParameterPlaceholders.of(content);
    }

    /** @return the checked Parameters; an empty valid result when none were given */
    public CommandParameters.Check checkParameters() {
        return parameters == null ? CommandParameters.fromMap(Map.of()) : parameters.check();
    }

    /** @return the checked DefaultParameters; an empty valid result when none were given */
    public CommandParameters.Check checkDefaultParameters() {
        return defaultParameters == null ? CommandParameters.fromMap(Map.of()) : defaultParameters.check();
    }

    /** @return the script's size in UTF-8 bytes */
    public int contentBytes() {
        return content == null ? 0 : content.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Checks every field against the API's rules.
     *
     * @return every violation, in field order; empty when the request may be sent
     */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(RunCommandRules.content(content));
        violations.addAll(InvokeCommandRules.instanceIds(instanceIds));
        violations.addAll(RunCommandRules.commandName(commandName));
        violations.addAll(RunCommandRules.description(description));
        violations.addAll(RunCommandRules.commandType(commandType));
        violations.addAll(InvokeCommandRules.workingDirectory(workingDirectory));
        violations.addAll(InvokeCommandRules.timeout(timeout));
        if (defaultParameters != null && defaultParameterConfs != null) {
            violations.add(new Violation("DefaultParameters", "cannot be combined with DefaultParameterConfs; give the"
                    + " defaults one way", "InvalidParameter.ConflictParameter"));
        }
        Set<String> defaults = null;
        if (defaultParameters != null) {
            CommandParameters.Check check = defaultParameters.check();
            violations.addAll(check.violations());
            defaults = check.values().keySet();
        }
        if (defaultParameterConfs != null) {
            violations.addAll(RunCommandRules.defaultParameterConfs(defaultParameterConfs));
            Set<String> names = new LinkedHashSet<>(defaults == null ? Set.of() : defaults);
            defaultParameterConfs.stream().filter(c -> c != null && c.name() != null).forEach(c -> names.add(c.name()));
            defaults = names;
        }
        Set<String> given = null;
        boolean parametersValid = true;
        if (parameters != null) {
            CommandParameters.Check check = parameters.check();
            violations.addAll(check.violations());
            parametersValid = check.isValid();
            given = check.values().keySet();
        }
        if (parametersValid && violations.stream().noneMatch(v -> v.field().startsWith("Default"))) {
            violations.addAll(RunCommandRules.parameterUse(enableParameter, placeholders(), given, defaults));
        }
        violations.addAll(InvokeCommandRules.username(username));
        violations.addAll(InvokeCommandRules.outputCosBucketUrl(outputCosBucketUrl));
        violations.addAll(InvokeCommandRules.outputCosKeyPrefix(outputCosKeyPrefix));
        violations.addAll(RunCommandRules.tags(tags(), saveCommand));
        return violations;
    }

    /** The request body; only called on a valid request. */
    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        body.put("Content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        ArrayNode ids = body.putArray("InstanceIds");
        instanceIds.forEach(ids::add);
        commandName().ifPresent(v -> body.put("CommandName", v));
        description().ifPresent(v -> body.put("Description", v));
        if (commandType != null) {
            body.put("CommandType", commandType);
        }
        workingDirectory().ifPresent(v -> body.put("WorkingDirectory", v));
        timeout().ifPresent(v -> body.put("Timeout", v.longValue()));
        if (saveCommand) {
            body.put("SaveCommand", true);
        }
        if (enableParameter) {
            body.put("EnableParameter", true);
        }
        if (defaultParameters != null) {
            // JSON-encoded strings, not objects, like InvokeCommand's Parameters (docs/dev/protocol.md §4.2).
            body.put("DefaultParameters", CommandParameters.toJson(defaultParameters.check().values()));
        }
        if (defaultParameterConfs != null) {
            ArrayNode confs = body.putArray("DefaultParameterConfs");
            for (DefaultParameterConf conf : defaultParameterConfs) {
                ObjectNode c = confs.addObject();
                c.put("ParameterName", conf.name());
                c.put("ParameterValue", conf.value());
                if (conf.description() != null && !conf.description().isEmpty()) {
                    c.put("ParameterDescription", conf.description());
                }
            }
        }
        if (parameters != null) {
            body.put("Parameters", CommandParameters.toJson(parameters.check().values()));
        }
        username().ifPresent(v -> body.put("Username", v));
        outputCosBucketUrl().ifPresent(v -> body.put("OutputCOSBucketUrl", v));
        outputCosKeyPrefix().ifPresent(v -> body.put("OutputCOSKeyPrefix", v));
        if (!tags().isEmpty()) {
            ArrayNode list = body.putArray("Tags");
            tags().forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
        }
        return body;
    }

    /**
     * @return the fields, the script by its size only, parameters by name only and the bucket URL
     *     without user info
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunCommandRequest[Content=(").append(contentBytes()).append(" bytes, hidden)")
                .append(", InstanceIds=").append(instanceIds().stream().map(Texts::shorten).toList())
                .append(", CommandType=").append(Texts.shorten(commandType()));
        commandName().ifPresent(v -> s.append(", CommandName=").append(Texts.shorten(v)));
        if (saveCommand) {
            s.append(", SaveCommand=true");
        }
        if (enableParameter) {
            s.append(", EnableParameter=true");
        }
        if (defaultParameters != null) {
            s.append(", DefaultParameters=").append(names(defaultParameters.check()));
        }
        if (parameters != null) {
            s.append(", Parameters=").append(names(parameters.check()));
        }
        username().ifPresent(v -> s.append(", Username=").append(Texts.shorten(v)));
        workingDirectory().ifPresent(v -> s.append(", WorkingDirectory=").append(Texts.shorten(v)));
        timeout().ifPresent(v -> s.append(", Timeout=").append(v));
        outputCosBucketUrl().ifPresent(v -> s.append(", OutputCOSBucketUrl=")
                .append(Texts.shorten(UrlText.withoutUserInfo(v))));
        outputCosKeyPrefix().ifPresent(v -> s.append(", OutputCOSKeyPrefix=").append(Texts.shorten(v)));
        if (!tags().isEmpty()) {
            s.append(", Tags=").append(tags().stream().map(t -> Texts.shorten(t.key()) + "=" + Texts.shorten(t.value()))
                    .toList());
        }
        return s.append(']').toString();
    }

    private static String names(CommandParameters.Check check) {
        return check.isValid() ? check.values().keySet().stream().map(Texts::shorten).toList() + " (values hidden)" : "(invalid)";
    }

    /** Builds a {@link RunCommandRequest}. Every setter takes {@code null} as "not given". */
    public static final class Builder {
        private String content;
        private List<String> instanceIds;
        private String commandName;
        private String description;
        private String commandType;
        private String workingDirectory;
        private Long timeout;
        private boolean saveCommand;
        private boolean enableParameter;
        private Parameters defaultParameters;
        private List<DefaultParameterConf> defaultParameterConfs;
        private Parameters parameters;
        private String username;
        private String outputCosBucketUrl;
        private String outputCosKeyPrefix;
        private List<Tag> tags;

        private Builder() {}

        /**
         * @param script the script as text; it is sent base64-encoded
         * @return this builder
         */
        public Builder content(String script) {
            this.content = script;
            return this;
        }

        /**
         * @param instanceIds 1 to 200 instance IDs of one kind
         * @return this builder
         */
        public Builder instanceIds(List<String> instanceIds) {
            this.instanceIds = instanceIds == null ? null : new ArrayList<>(instanceIds);
            return this;
        }

        /**
         * @param name the command's name, shown in the TAT console
         * @return this builder
         */
        public Builder commandName(String name) {
            this.commandName = name;
            return this;
        }

        /**
         * @param description the command's description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param type SHELL (the default), POWERSHELL or BAT
         * @return this builder
         */
        public Builder commandType(String type) {
            this.commandType = type;
            return this;
        }

        /**
         * @param directory the directory to run in
         * @return this builder
         */
        public Builder workingDirectory(String directory) {
            this.workingDirectory = directory;
            return this;
        }

        /**
         * @param seconds 1 to 86400, or {@code null} for TAT's default of 60
         * @return this builder
         */
        public Builder timeout(Long seconds) {
            this.timeout = seconds;
            return this;
        }

        /**
         * @param save whether TAT keeps the script as a command, to be invoked again by its ID
         * @return this builder
         */
        public Builder saveCommand(boolean save) {
            this.saveCommand = save;
            return this;
        }

        /**
         * @param enable whether {@code {{name}}} placeholders are replaced by parameter values
         * @return this builder
         */
        public Builder enableParameter(boolean enable) {
            this.enableParameter = enable;
            return this;
        }

        /**
         * @param defaults default values as a map of names to strings; replaces any given before
         * @return this builder
         */
        public Builder defaultParameters(Map<?, ?> defaults) {
            this.defaultParameters = Parameters.ofMap("DefaultParameters", defaults);
            return this;
        }

        /**
         * @param json default values as a JSON object of names to strings; replaces any given before
         * @return this builder
         */
        public Builder defaultParametersJson(String json) {
            this.defaultParameters = Parameters.ofJson("DefaultParameters", json);
            return this;
        }

        /**
         * @param confs the declared parameters with defaults and descriptions; cannot be combined
         *     with {@link #defaultParameters}
         * @return this builder
         */
        public Builder defaultParameterConfs(List<DefaultParameterConf> confs) {
            this.defaultParameterConfs = confs == null ? null : new ArrayList<>(confs);
            return this;
        }

        /**
         * @param values the values for this run as a map of names to strings; replaces any given before
         * @return this builder
         */
        public Builder parameters(Map<?, ?> values) {
            this.parameters = Parameters.ofMap("Parameters", values);
            return this;
        }

        /**
         * @param json the values for this run as a JSON object of names to strings; replaces any given before
         * @return this builder
         */
        public Builder parametersJson(String json) {
            this.parameters = Parameters.ofJson("Parameters", json);
            return this;
        }

        /**
         * @param username the user to run as on the instances
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * @param url an https COS bucket URL to upload the output to
         * @return this builder
         */
        public Builder outputCosBucketUrl(String url) {
            this.outputCosBucketUrl = url;
            return this;
        }

        /**
         * @param prefix the key prefix for the uploaded output
         * @return this builder
         */
        public Builder outputCosKeyPrefix(String prefix) {
            this.outputCosKeyPrefix = prefix;
            return this;
        }

        /**
         * @param commandTags the tags of the saved command (only with {@link #saveCommand}), at
         *     most {@value RunCommandRules#MAX_TAGS}, e.g. {@code Map.of("team", "web")}, or
         *     {@code null} for none
         * @return this builder
         */
        public Builder tags(Map<String, String> commandTags) {
            this.tags = commandTags == null ? null : commandTags.entrySet().stream()
                    .map(e -> new Tag(e.getKey(), e.getValue())).toList();
            return this;
        }

        /**
         * @param commandTags the tags of the saved command, in order, or {@code null} for none
         * @return this builder
         */
        public Builder tags(List<Tag> commandTags) {
            this.tags = commandTags == null ? null : List.copyOf(commandTags);
            return this;
        }

        /** @return the request; never fails, see {@link RunCommandRequest#validate()} */
        public RunCommandRequest build() {
            return new RunCommandRequest(this);
        }
    }
}
