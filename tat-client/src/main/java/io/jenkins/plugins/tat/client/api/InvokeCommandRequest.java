package io.jenkins.plugins.tat.client.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.http.ApiJson;
import io.jenkins.plugins.tat.client.rules.CommandParameters;
import io.jenkins.plugins.tat.client.rules.InvokeCommandRules;
import io.jenkins.plugins.tat.client.rules.Violation;
import io.jenkins.plugins.tat.client.text.Texts;
import io.jenkins.plugins.tat.client.text.UrlText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An InvokeCommand request: run a saved command on instances (docs/dev/protocol.md §4.1).
 *
 * <pre>{@code
 * InvokeCommandRequest request = InvokeCommandRequest.builder()
 *     .commandId("cmd-ffxdx79i").instanceIds(List.of("lhins-ar5wyn40"))
 *     .parameters(Map.of("varA", "222"))
 *     .timeout(60)
 *     .build();
 * }</pre>
 *
 * <p>Building never fails; {@link #validate()} lists every broken rule (see
 * {@link InvokeCommandRules} and {@link CommandParameters}), and
 * {@link TatClient#invokeCommand} refuses an invalid request without sending it.
 * {@link #toString()} shows parameter names but never their values, and no bucket URL's user info.
 */
public final class InvokeCommandRequest {

    private final String commandId;
    private final List<String> instanceIds;
    private final Map<?, ?> parametersMap;
    private final String parametersJson;
    private final String username;
    private final String workingDirectory;
    private final Long timeout;
    private final String outputCosBucketUrl;
    private final String outputCosKeyPrefix;

    private InvokeCommandRequest(Builder b) {
        this.commandId = b.commandId;
        this.instanceIds = b.instanceIds == null ? null : Collections.unmodifiableList(new ArrayList<>(b.instanceIds));
        this.parametersMap = b.parametersMap == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.parametersMap));
        this.parametersJson = b.parametersJson;
        this.username = b.username;
        this.workingDirectory = b.workingDirectory;
        this.timeout = b.timeout;
        this.outputCosBucketUrl = b.outputCosBucketUrl;
        this.outputCosKeyPrefix = b.outputCosKeyPrefix;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the command ID, or {@code null} if none was given */
    public String commandId() {
        return commandId;
    }

    /** @return the instance IDs as given (may contain blanks or duplicates until validated); empty if none */
    public List<String> instanceIds() {
        return instanceIds == null ? List.of() : instanceIds;
    }

    /**
     * @param ids the instances to send to instead, e.g. those whose agent is online
     * @return a request like this one for those instances
     */
    public InvokeCommandRequest withInstanceIds(List<String> ids) {
        Builder b = builder().commandId(commandId).instanceIds(ids).username(username).workingDirectory(workingDirectory)
                .timeout(timeout).outputCosBucketUrl(outputCosBucketUrl).outputCosKeyPrefix(outputCosKeyPrefix);
        if (parametersJson != null) {
            b.parametersJson(parametersJson);
        } else if (parametersMap != null) {
            b.parameters(parametersMap);
        }
        return b.build();
    }

    /** @return whether custom parameters were given */
    public boolean hasParameters() {
        return parametersMap != null || parametersJson != null;
    }

    /**
     * Checks the custom parameters, whichever form they were given in.
     *
     * @return the checked parameters; an empty valid result when none were given
     */
    public CommandParameters.Check checkParameters() {
        if (parametersJson != null) {
            return CommandParameters.fromJson(parametersJson);
        }
        return CommandParameters.fromMap(parametersMap);
    }

    /** @return the user to run as, if given */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return the working directory, if given */
    public Optional<String> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** @return the timeout in seconds, if given */
    public Optional<Long> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** @return the COS bucket URL for the output, if given */
    public Optional<String> outputCosBucketUrl() {
        return Optional.ofNullable(outputCosBucketUrl);
    }

    /** @return the COS key prefix for the output, if given */
    public Optional<String> outputCosKeyPrefix() {
        return Optional.ofNullable(outputCosKeyPrefix);
    }

    /**
     * Checks every field against the API's rules.
     *
     * @return every violation, in field order; empty when the request may be sent
     */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(InvokeCommandRules.commandId(commandId));
        violations.addAll(InvokeCommandRules.instanceIds(instanceIds));
        if (hasParameters()) {
            violations.addAll(checkParameters().violations());
        }
        violations.addAll(InvokeCommandRules.username(username));
        violations.addAll(InvokeCommandRules.workingDirectory(workingDirectory));
        violations.addAll(InvokeCommandRules.timeout(timeout));
        violations.addAll(InvokeCommandRules.outputCosBucketUrl(outputCosBucketUrl));
        violations.addAll(InvokeCommandRules.outputCosKeyPrefix(outputCosKeyPrefix));
        return violations;
    }

    /** The request body; only called on a valid request. */
    public ObjectNode toJson() {
        ObjectNode body = ApiJson.object();
        body.put("CommandId", commandId);
        ArrayNode ids = body.putArray("InstanceIds");
        instanceIds.forEach(ids::add);
        if (hasParameters()) {
            // The API takes Parameters as a JSON-encoded string, not as an object (docs/dev/protocol.md §4.1).
            body.put("Parameters", CommandParameters.toJson(checkParameters().values()));
        }
        if (username != null) {
            body.put("Username", username);
        }
        if (workingDirectory != null) {
            body.put("WorkingDirectory", workingDirectory);
        }
        if (timeout != null) {
            body.put("Timeout", timeout.longValue());
        }
        if (outputCosBucketUrl != null) {
            body.put("OutputCOSBucketUrl", outputCosBucketUrl);
        }
        if (outputCosKeyPrefix != null) {
            body.put("OutputCOSKeyPrefix", outputCosKeyPrefix);
        }
        return body;
    }

    /**
     * @return the fields, each value shortened and with invisible characters written out, the
     *     parameters by name only and the bucket URL without user info
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("InvokeCommandRequest[CommandId=").append(Texts.shorten(commandId))
                .append(", InstanceIds=").append(instanceIds().stream().map(Texts::shorten).toList());
        if (hasParameters()) {
            CommandParameters.Check check = checkParameters();
            s.append(", Parameters=").append(check.isValid()
                    ? check.values().keySet().stream().map(Texts::shorten).toList() + " (values hidden)" : "(invalid)");
        }
        username().ifPresent(v -> s.append(", Username=").append(Texts.shorten(v)));
        workingDirectory().ifPresent(v -> s.append(", WorkingDirectory=").append(Texts.shorten(v)));
        timeout().ifPresent(v -> s.append(", Timeout=").append(v));
        outputCosBucketUrl().ifPresent(v -> s.append(", OutputCOSBucketUrl=")
                .append(Texts.shorten(UrlText.withoutUserInfo(v))));
        outputCosKeyPrefix().ifPresent(v -> s.append(", OutputCOSKeyPrefix=").append(Texts.shorten(v)));
        return s.append(']').toString();
    }

    /** Builds an {@link InvokeCommandRequest}. Every setter takes {@code null} as "not given". */
    public static final class Builder {
        private String commandId;
        private List<String> instanceIds;
        private Map<?, ?> parametersMap;
        private String parametersJson;
        private String username;
        private String workingDirectory;
        private Long timeout;
        private String outputCosBucketUrl;
        private String outputCosKeyPrefix;

        private Builder() {}

        /**
         * @param commandId the saved command's ID, {@code cmd-xxxxxxxx}
         * @return this builder
         */
        public Builder commandId(String commandId) {
            this.commandId = commandId;
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
         * @param instanceIds 1 to 200 instance IDs of one kind
         * @return this builder
         */
        public Builder instanceIds(String... instanceIds) {
            return instanceIds(instanceIds == null ? null : Arrays.asList(instanceIds));
        }

        /**
         * Custom parameters as a map of names to string values; replaces any given before.
         *
         * @param parameters the parameters; values must be strings
         * @return this builder
         */
        public Builder parameters(Map<?, ?> parameters) {
            this.parametersMap = parameters == null ? null : new LinkedHashMap<>(parameters);
            this.parametersJson = null;
            return this;
        }

        /**
         * Custom parameters as JSON text, e.g. {@code {"varA":"222"}}; replaces any given before.
         *
         * @param json a JSON object of names to string values
         * @return this builder
         */
        public Builder parametersJson(String json) {
            this.parametersJson = json;
            this.parametersMap = null;
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
         * @param workingDirectory the directory to run in
         * @return this builder
         */
        public Builder workingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /**
         * @param seconds 1 to 86400
         * @return this builder
         */
        public Builder timeout(long seconds) {
            this.timeout = seconds;
            return this;
        }

        /**
         * @param seconds 1 to 86400, or {@code null} for the command's own timeout
         * @return this builder
         */
        public Builder timeout(Long seconds) {
            this.timeout = seconds;
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

        /** @return the request; never fails, see {@link InvokeCommandRequest#validate()} */
        public InvokeCommandRequest build() {
            return new InvokeCommandRequest(this);
        }
    }
}
