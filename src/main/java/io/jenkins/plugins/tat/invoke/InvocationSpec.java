package io.jenkins.plugins.tat.invoke;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Util;
import io.jenkins.plugins.tat.client.CommandParameters;
import io.jenkins.plugins.tat.client.InvokeCommandRequest;
import io.jenkins.plugins.tat.client.TatIds;
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
 * What to invoke, as either front end collected it: the credentials and region, and the fields
 * of InvokeCommand. Plain, serialisable values only; the checks are tat-client's
 * ({@link InvokeCommandRequest#validate()}).
 *
 * <p>In both front ends a blank optional field means "not given", so that the command's own
 * default applies: a form cannot tell an empty field from an absent one. Values are trimmed.
 */
@Restricted(NoExternalUse.class)
public final class InvocationSpec implements Serializable {

    private static final long serialVersionUID = 1L;

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

    private InvocationSpec(Builder b) {
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
    }

    /** @return a new builder */
    @NonNull
    public static Builder builder() {
        return new Builder();
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
        Builder b = new Builder();
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
        b.parametersMap = parametersMap;
        if (parametersJson != null) {
            CommandParameters.Check check = CommandParameters.fromJson(parametersJson);
            if (check.isValid()) {
                LinkedHashMap<Object, Object> expanded = new LinkedHashMap<>();
                check.values().forEach((name, value) -> expanded.put(name, env.expand(value)));
                b.parametersJson = null;
                b.parametersMap = expanded;
            }
        }
        b.username = expand(env, username);
        b.workingDirectory = expand(env, workingDirectory);
        b.timeout = timeout;
        b.outputCosBucketUrl = expand(env, outputCosBucketUrl);
        b.outputCosKeyPrefix = expand(env, outputCosKeyPrefix);
        return new InvocationSpec(b);
    }

    private static String expand(EnvVars env, String value) {
        return value == null ? null : Util.fixEmptyAndTrim(env.expand(value));
    }

    @Override
    public String toString() {
        // Parameter values may be secrets and are not shown.
        return "InvocationSpec[" + commandId + " on " + instanceIds + " in " + region + "]";
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

        private Builder() {}

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

        /** @return the spec */
        public InvocationSpec build() {
            return new InvocationSpec(this);
        }
    }
}
