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
import io.jenkins.plugins.tat.cloud.TencentCloudContext;
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
 * fields of InvokeCommand (a saved command) or those of RunCommand (a script). Made from the
 * front end's {@link InvocationOptions} by {@link #of}, never restated field by field elsewhere.
 * Plain, serialisable values only; the checks are tat-client's
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

    /**
     * Reads the options once, expanding build variables when {@code env} is given. Blank text
     * means "not given"; the script is kept exactly as written (an all-blank one counts as none).
     */
    private InvocationSpec(InvocationOptions options, TencentCloudContext where, @CheckForNull EnvVars env) {
        this.kind = options.kind();
        boolean runsScript = kind == Kind.SCRIPT;
        this.credentialsId = where.getCredentialsId(); // a credentials parameter is the credentials plugin's to resolve
        this.region = text(env, where.getRegion());
        this.role = where.getRole();
        this.commandId = runsScript ? null : text(env, options.getCommandId());
        this.instanceIds = new ArrayList<>();
        for (String id : instanceIdsOf(options.getInstanceIds())) {
            // A variable may hold several IDs, e.g. INSTANCES="ins-a ins-b".
            instanceIds.addAll(env == null ? List.of(id) : TatIds.splitList(env.expand(id)));
        }
        ParameterValues parameters = ParameterValues.of(options.getParameters(), env);
        this.parametersJson = parameters.json;
        this.parametersMap = parameters.map;
        this.username = text(env, options.getUsername());
        this.workingDirectory = text(env, options.getWorkingDirectory());
        Integer seconds = options.getTimeout();
        this.timeout = seconds == null ? null : seconds.longValue();
        this.outputCosBucketUrl = text(env, options.getOutputCosBucketUrl());
        this.outputCosKeyPrefix = text(env, options.getOutputCosKeyPrefix());
        this.preflight = options.isPreflight();
        this.skipOfflineInstances = options.isSkipOfflineInstances();
        // The script is sent as written: its $VAR and ${VAR} are the instance shell's to expand,
        // as in an "Execute shell" step. Build values reach it through parameters.
        String written = runsScript ? options.getScript() : null;
        this.script = written == null || written.isBlank() ? null : written;
        this.commandType = runsScript ? text(env, options.getCommandType()) : null;
        this.commandName = runsScript ? text(env, options.getCommandName()) : null;
        this.description = runsScript ? text(env, options.getDescription()) : null;
        this.saveCommand = runsScript && options.isSaveCommand();
        ParameterValues defaults = ParameterValues.of(runsScript ? options.getDefaultParameters() : null, env);
        this.defaultParametersJson = defaults.json;
        this.defaultParametersMap = defaults.map;
    }

    /**
     * What a Pipeline step starts: its options as given (Groovy interpolates its own strings).
     *
     * @param options the step's options
     * @param where the API key, region and role to use: the step's, completed from an enclosing
     *     {@code withTencentCloud} block ({@link TencentCloudContext#resolve})
     * @return the spec
     */
    @NonNull
    public static InvocationSpec of(@NonNull InvocationOptions options, @NonNull TencentCloudContext where) {
        return new InvocationSpec(options, where, null);
    }

    /**
     * What a freestyle build step starts: its options with build variables ({@code ${VAR}} or
     * {@code $VAR}) expanded in every text field but the script.
     *
     * @param options the build step's options
     * @param where the API key, region and role to use
     * @param env the build's environment
     * @return the spec
     */
    @NonNull
    public static InvocationSpec of(@NonNull InvocationOptions options, @NonNull TencentCloudContext where,
            @NonNull EnvVars env) {
        return new InvocationSpec(options, where, env);
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
     * Parameters as given: a JSON text, or a map whose Groovy strings became plain strings. With a
     * build's environment, the values of valid JSON parameters are expanded after the JSON is read:
     * expanding the text first would let a value containing a quote change the parameters' structure.
     */
    private static final class ParameterValues {
        /** A JSON text, or {@code null}. */
        final String json;
        /** A map of names to values, or {@code null}. */
        final LinkedHashMap<Object, Object> map;

        private ParameterValues(String json, LinkedHashMap<Object, Object> map) {
            this.json = json;
            this.map = map;
        }

        static ParameterValues of(@CheckForNull Object value, @CheckForNull EnvVars env) {
            if (value instanceof Map<?, ?> map) {
                return new ParameterValues(null, plainCopy(map));
            }
            String json = value == null ? null : Util.fixEmptyAndTrim(value.toString());
            if (json == null || env == null) {
                return new ParameterValues(json, null);
            }
            CommandParameters.Check check = CommandParameters.fromJson(json);
            if (!check.isValid()) {
                return new ParameterValues(json, null); // as it is, for validate() to name the problem
            }
            LinkedHashMap<Object, Object> expanded = new LinkedHashMap<>();
            check.values().forEach((name, text) -> expanded.put(name, env.expand(text)));
            return new ParameterValues(null, expanded);
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
    }

    /** Text trimmed, blank as none, and with a build's environment its variables expanded. */
    private static String text(@CheckForNull EnvVars env, @CheckForNull String value) {
        return value == null ? null : Util.fixEmptyAndTrim(env == null ? value : env.expand(value));
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
}
