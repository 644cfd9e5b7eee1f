package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.tat.client.api.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.api.RunCommandRequest;
import io.jenkins.plugins.tat.client.fleet.InstanceBatches;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.client.rules.TatIds;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.credentials.CamRole;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What to start at TAT, as any of the four front ends collected it ({@code tatInvoke},
 * {@code tatRun} and their freestyle build steps): the credentials and region, how to check
 * before sending ({@link #isPreflight()}, {@link #isSkipOfflineInstances()}), and either the
 * fields of InvokeCommand (a saved command, {@link #forCommand()}) or those of RunCommand (a
 * script, {@link #forScript()}). Plain, serialisable values only; the checks are tat-client's
 * ({@link InvokeCommandRequest#validate()}, {@link RunCommandRequest#validate()}).
 *
 * <p>In every front end a blank optional field means "not given", so that the command's own
 * default applies: a form cannot tell an empty field from an absent one. Values are trimmed,
 * except the script, which is sent exactly as given.
 *
 * <p>It holds parameter values and the script, which may be secrets: it is never written to
 * {@code build.xml} or {@code program.dat} (the executions hold it in transient fields), and
 * {@link #toString()} shows neither.
 */
@Restricted(NoExternalUse.class)
public final class InvocationSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Which TAT action starts the invocation. */
    @Restricted(NoExternalUse.class)
    public enum Kind {
        /** InvokeCommand: a saved command. */
        COMMAND,
        /** RunCommand: a script. */
        SCRIPT
    }

    private final Kind kind;
    private final String credentialsId;
    private final String region;
    /** The CAM role a {@code withTencentCloud} block assumes with the key, or {@code null}. */
    private final CamRole role;
    private final String commandId;
    private final ArrayList<String> instanceIds;
    /** A JSON text, or {@code null}. */
    private final String parametersJson;
    /** A map of names to values (names and values checked later), or {@code null}. */
    private final LinkedHashMap<Object, Object> parametersMap;
    private final String username;
    private final String workingDirectory;
    private final Long timeout;
    private final String outputCosBucketUrl;
    private final String outputCosKeyPrefix;
    private final boolean preflight;
    private final boolean skipOfflineInstances;
    // RunCommand only
    private final String script;
    private final String commandType;
    private final String commandName;
    private final String description;
    private final boolean saveCommand;
    /** A JSON text, or {@code null}. */
    private final String defaultParametersJson;
    /** A map of names to values, or {@code null}. */
    private final LinkedHashMap<Object, Object> defaultParametersMap;

    private InvocationSpec(Builder b) {
        this.kind = b.kind;
        this.credentialsId = b.credentialsId;
        this.region = b.region;
        this.role = b.role;
        this.commandId = b.commandId;
        this.instanceIds = new ArrayList<>(b.instanceIds);
        this.parametersJson = b.parametersJson;
        this.parametersMap = b.parametersMap;
        this.username = b.username;
        this.workingDirectory = b.workingDirectory;
        this.timeout = b.timeout;
        this.outputCosBucketUrl = b.outputCosBucketUrl;
        this.outputCosKeyPrefix = b.outputCosKeyPrefix;
        this.preflight = b.preflight;
        this.skipOfflineInstances = b.skipOfflineInstances;
        this.script = b.script;
        this.commandType = b.commandType;
        this.commandName = b.commandName;
        this.description = b.description;
        this.saveCommand = b.saveCommand;
        this.defaultParametersJson = b.defaultParametersJson;
        this.defaultParametersMap = b.defaultParametersMap;
    }

    /** @return a new builder for a saved command (InvokeCommand), like {@link #forCommand()} */
    @NonNull
    public static Builder builder() {
        return forCommand();
    }

    /** @return a new builder for a saved command (InvokeCommand) */
    @NonNull
    public static Builder forCommand() {
        return new Builder(Kind.COMMAND);
    }

    /** @return a new builder for a script (RunCommand) */
    @NonNull
    public static Builder forScript() {
        return new Builder(Kind.SCRIPT);
    }

    /** @return which action starts the invocation */
    @NonNull
    public Kind getKind() {
        return kind;
    }

    /** @return whether to check agents (and a saved command's parameters) before sending, when cheap */
    public boolean isPreflight() {
        return preflight;
    }

    /** @return whether instances whose agent is not online are left out rather than failing the step */
    public boolean isSkipOfflineInstances() {
        return skipOfflineInstances;
    }

    /** @return whether RunCommand is asked to save the script as a command */
    public boolean isSaveCommand() {
        return kind == Kind.SCRIPT && saveCommand;
    }

    /**
     * @return the parameter names given, or {@code null} when none were (or they are invalid,
     *     which {@link #validate()} reports)
     */
    @CheckForNull
    public java.util.Set<String> givenParameterNames() {
        if (parametersJson == null && parametersMap == null) {
            return null;
        }
        CommandParameters.Check check = parametersJson != null ? CommandParameters.fromJson(parametersJson)
                : CommandParameters.fromMap(parametersMap);
        return check.isValid() ? check.values().keySet() : null;
    }

    /**
     * Checks the request these values describe against the API's rules, without sending anything.
     * Any number of instances may be given: more than one call takes are sent in batches
     * ({@link InstanceBatches}), each of which must pass the same checks.
     *
     * @return every violation; empty when the request may be sent
     */
    @NonNull
    public List<Violation> validate() {
        List<String> fleet = getInstanceIds();
        if (fleet.size() <= InstanceBatches.BATCH_SIZE) {
            return kind == Kind.COMMAND ? toRequest().validate() : toRunRequest().validate();
        }
        // More instances than one call takes: sent in batches, each checked like the first.
        List<String> first = fleet.subList(0, InstanceBatches.BATCH_SIZE);
        return InstanceBatches.fleetViolations(kind == Kind.COMMAND ? toRequest().withInstanceIds(first).validate()
                : toRunRequest().toBuilder().instanceIds(first).build().validate(), fleet);
    }

    /**
     * @return what the log says is being started, e.g. {@code cmd-abcd1234}, or {@code a SHELL
     *     script of 120 bytes}: never the script itself
     */
    @NonNull
    public String logName() {
        if (kind == Kind.COMMAND) {
            return String.valueOf(commandId);
        }
        RunCommandRequest request = toRunRequest();
        return Messages.InvocationSpec_Script(request.commandType(), request.contentBytes())
                + (commandName == null ? "" : " '" + Texts.shorten(commandName) + "'");
    }

    /** @return the credentials ID */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @return the region */
    public String getRegion() {
        return region;
    }

    /** @return the CAM role to assume instead of the credentials' own, or {@code null} */
    @CheckForNull
    public CamRole getRole() {
        return role;
    }

    /** @return the command ID */
    public String getCommandId() {
        return commandId;
    }

    /** @return the instance IDs, in order, as given (not yet checked) */
    @NonNull
    public List<String> getInstanceIds() {
        return Collections.unmodifiableList(instanceIds);
    }

    /**
     * The RunCommand request these values describe, not yet validated. EnableParameter is set
     * when parameters or defaults are given: a script without them is sent as it is, its
     * {@code {{…}}} included, so that a script that happens to contain braces (a Go template, a
     * JSON document) runs unchanged.
     *
     * @return the request
     */
    @NonNull
    public RunCommandRequest toRunRequest() {
        boolean parameters = parametersJson != null || parametersMap != null;
        boolean defaults = defaultParametersJson != null || defaultParametersMap != null;
        RunCommandRequest.Builder request = RunCommandRequest.builder()
                .content(script)
                .instanceIds(instanceIds)
                .commandType(commandType)
                .commandName(commandName)
                .description(description)
                .saveCommand(saveCommand)
                .enableParameter(parameters || defaults)
                .username(username)
                .workingDirectory(workingDirectory)
                .timeout(timeout)
                .outputCosBucketUrl(outputCosBucketUrl)
                .outputCosKeyPrefix(outputCosKeyPrefix);
        if (parametersJson != null) {
            request.parametersJson(parametersJson);
        } else if (parametersMap != null) {
            request.parameters(parametersMap);
        }
        if (defaultParametersJson != null) {
            request.defaultParametersJson(defaultParametersJson);
        } else if (defaultParametersMap != null) {
            request.defaultParameters(defaultParametersMap);
        }
        return request.build();
    }

    /** @return the InvokeCommand request these values describe, not yet validated */
    @NonNull
    public InvokeCommandRequest toRequest() {
        InvokeCommandRequest.Builder request = InvokeCommandRequest.builder()
                .commandId(commandId)
                .instanceIds(instanceIds)
                .username(username)
                .workingDirectory(workingDirectory)
                .timeout(timeout)
                .outputCosBucketUrl(outputCosBucketUrl)
                .outputCosKeyPrefix(outputCosKeyPrefix);
        if (parametersJson != null) {
            request.parametersJson(parametersJson);
        } else if (parametersMap != null) {
            request.parameters(parametersMap);
        }
        return request.build();
    }

    /**
     * Expands build variables ({@code ${VAR}} or {@code $VAR}) in every text field, as freestyle
     * build steps do; Pipeline scripts interpolate their own strings.
     *
     * @param env the build's environment
     * @return the expanded values
     */
    @NonNull
    public InvocationSpec expand(@NonNull EnvVars env) {
        Builder b = new Builder(kind);
        b.credentialsId = credentialsId; // resolved by the credentials plugin, which knows credentials parameters
        b.region = expand(env, region);
        b.role = role;
        b.commandId = expand(env, commandId);
        // A variable may hold several IDs, e.g. INSTANCES="ins-a ins-b".
        b.instanceIds = new ArrayList<>();
        for (String id : instanceIds) {
            b.instanceIds.addAll(TatIds.splitList(env.expand(id)));
        }
        // Variables are expanded in parameter values, after the JSON is read: expanding the text
        // first would let a value containing a quote change the parameters' structure.
        b.parametersJson = parametersJson;
        b.parametersMap = expandedValues(env, parametersJson, parametersMap);
        if (b.parametersMap != parametersMap) {
            b.parametersJson = null;
        }
        b.defaultParametersJson = defaultParametersJson;
        b.defaultParametersMap = expandedValues(env, defaultParametersJson, defaultParametersMap);
        if (b.defaultParametersMap != defaultParametersMap) {
            b.defaultParametersJson = null;
        }
        // The script is sent as written: its $VAR and ${VAR} are the instance shell's to expand,
        // as in an "Execute shell" step. Build values reach it through parameters.
        b.script = script;
        b.commandType = expand(env, commandType);
        b.commandName = expand(env, commandName);
        b.description = expand(env, description);
        b.saveCommand = saveCommand;
        b.preflight = preflight;
        b.skipOfflineInstances = skipOfflineInstances;
        b.username = expand(env, username);
        b.workingDirectory = expand(env, workingDirectory);
        b.timeout = timeout;
        b.outputCosBucketUrl = expand(env, outputCosBucketUrl);
        b.outputCosKeyPrefix = expand(env, outputCosKeyPrefix);
        return new InvocationSpec(b);
    }

    /** The values of valid JSON parameters with variables expanded; anything else as it was. */
    private static LinkedHashMap<Object, Object> expandedValues(EnvVars env, String json, LinkedHashMap<Object, Object> map) {
        if (json == null) {
            return map;
        }
        CommandParameters.Check check = CommandParameters.fromJson(json);
        if (!check.isValid()) {
            return map;
        }
        LinkedHashMap<Object, Object> expanded = new LinkedHashMap<>();
        check.values().forEach((name, value) -> expanded.put(name, env.expand(value)));
        return expanded;
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : Util.fixEmptyAndTrim(env.expand(value));
    }

    @Override
    public String toString() {
        // Parameter values and the script may be secrets and are not shown.
        return "InvocationSpec[" + (kind == Kind.COMMAND ? commandId : "script") + " on " + instanceIds + " in " + region + "]";
    }

    /**
     * Reads a list of instance IDs given as a list (from a Pipeline script) or as text separated
     * by commas or white space (from a form or a script). Each element of a list may itself be such
     * a text. Blank elements of a list are kept so that validation can name them.
     *
     * @param value a {@link Collection}, a {@link CharSequence}, or {@code null}
     * @return the IDs in order
     */
    @NonNull
    public static List<String> instanceIdsOf(@CheckForNull Object value) {
        List<String> ids = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                String text = element == null ? "" : element.toString();
                List<String> split = TatIds.splitList(text);
                if (split.isEmpty()) {
                    ids.add(text);
                } else {
                    ids.addAll(split);
                }
            }
        } else if (value != null) {
            ids.addAll(TatIds.splitList(value.toString()));
        }
        return ids;
    }

    /** Builds an {@link InvocationSpec}. Blank text means "not given". */
    @Restricted(NoExternalUse.class)
    public static final class Builder {
        private final Kind kind;
        private String credentialsId;
        private String region;
        private CamRole role;
        private String commandId;
        private ArrayList<String> instanceIds = new ArrayList<>();
        private String parametersJson;
        private LinkedHashMap<Object, Object> parametersMap;
        private String username;
        private String workingDirectory;
        private Long timeout;
        private String outputCosBucketUrl;
        private String outputCosKeyPrefix;
        private boolean preflight = true;
        private boolean skipOfflineInstances;
        private String script;
        private String commandType;
        private String commandName;
        private String description;
        private boolean saveCommand;
        private String defaultParametersJson;
        private LinkedHashMap<Object, Object> defaultParametersMap;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /**
         * @param value the credentials ID
         * @return this builder
         */
        public Builder credentialsId(String value) {
            credentialsId = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the region
         * @return this builder
         */
        public Builder region(String value) {
            region = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the CAM role a {@code withTencentCloud} block assumes, or {@code null}
         * @return this builder
         */
        public Builder role(CamRole value) {
            role = value;
            return this;
        }

        /**
         * @param value the command ID
         * @return this builder
         */
        public Builder commandId(String value) {
            commandId = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value a list, or text separated by commas or white space
         * @return this builder
         */
        public Builder instanceIds(Object value) {
            instanceIds = new ArrayList<>(instanceIdsOf(value));
            return this;
        }

        /**
         * @param value a map of names to string values, JSON text of such an object, or {@code null}
         * @return this builder
         */
        public Builder parameters(Object value) {
            parametersJson = null;
            parametersMap = null;
            if (value instanceof Map<?, ?> map) {
                parametersMap = plainCopy(map);
            } else if (value != null) {
                parametersJson = Util.fixEmptyAndTrim(value.toString());
            }
            return this;
        }

        /**
         * Groovy strings (GString) become plain strings, as names and as values. Anything else is
         * kept as it is for tat-client's rules to name ({@code CommandParameters.fromMap}): a
         * {@code null} or non-text name, a value that is not a string. So is a name whose text
         * the map holds twice (a String and a GString): turning both into the same String would
         * silently drop one.
         */
        private static LinkedHashMap<Object, Object> plainCopy(Map<?, ?> map) {
            Map<String, Integer> texts = new HashMap<>();
            map.keySet().forEach(k -> {
                if (k instanceof CharSequence name) {
                    texts.merge(name.toString(), 1, Integer::sum);
                }
            });
            LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object name = k instanceof CharSequence text && texts.get(text.toString()) == 1 ? text.toString() : k;
                copy.put(name, v instanceof CharSequence value ? value.toString() : v);
            });
            return copy;
        }

        /**
         * @param value the user to run as
         * @return this builder
         */
        public Builder username(String value) {
            username = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the working directory
         * @return this builder
         */
        public Builder workingDirectory(String value) {
            workingDirectory = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the command timeout in seconds, or {@code null}
         * @return this builder
         */
        public Builder timeout(Integer value) {
            timeout = value == null ? null : value.longValue();
            return this;
        }

        /**
         * @param value the COS bucket URL
         * @return this builder
         */
        public Builder outputCosBucketUrl(String value) {
            outputCosBucketUrl = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the COS key prefix
         * @return this builder
         */
        public Builder outputCosKeyPrefix(String value) {
            outputCosKeyPrefix = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value whether to check before sending, when it is cheap (default true)
         * @return this builder
         */
        public Builder preflight(boolean value) {
            preflight = value;
            return this;
        }

        /**
         * @param value whether to leave out instances whose agent is not online (default false)
         * @return this builder
         */
        public Builder skipOfflineInstances(boolean value) {
            skipOfflineInstances = value;
            return this;
        }

        /**
         * @param value the script, sent as it is (an all-blank one counts as none)
         * @return this builder
         */
        public Builder script(String value) {
            script = value == null || value.isBlank() ? null : value;
            return this;
        }

        /**
         * @param value SHELL, POWERSHELL or BAT
         * @return this builder
         */
        public Builder commandType(String value) {
            commandType = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the command's name
         * @return this builder
         */
        public Builder commandName(String value) {
            commandName = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value the command's description
         * @return this builder
         */
        public Builder description(String value) {
            description = Util.fixEmptyAndTrim(value);
            return this;
        }

        /**
         * @param value whether TAT saves the script as a command
         * @return this builder
         */
        public Builder saveCommand(boolean value) {
            saveCommand = value;
            return this;
        }

        /**
         * @param value the defaults saved with the command: a map, JSON text, or {@code null}
         * @return this builder
         */
        public Builder defaultParameters(Object value) {
            defaultParametersJson = null;
            defaultParametersMap = null;
            if (value instanceof Map<?, ?> map) {
                defaultParametersMap = plainCopy(map);
            } else if (value != null) {
                defaultParametersJson = Util.fixEmptyAndTrim(value.toString());
            }
            return this;
        }

        /** @return the spec */
        public InvocationSpec build() {
            return new InvocationSpec(this);
        }
    }
}
