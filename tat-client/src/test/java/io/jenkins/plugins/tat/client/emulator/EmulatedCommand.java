package io.jenkins.plugins.tat.client.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved TAT command (the {@code Command} of DescribeCommands, docs/dev/protocol.md §4.5) that
 * InvokeCommand can run. Immutable; build one with {@link #builder(String)}.
 *
 * <p>Parameters: a command declares parameters either with a default value
 * ({@link Builder#defaultParameter}) or without one ({@link Builder#declaredParameter}). The real
 * service finds the declarations in {@code {{name}}} placeholders of the content; the emulator
 * takes them from the builder instead, which is all InvokeCommand's {@code LackOfParameters}
 * check needs.
 */
public final class EmulatedCommand {

    /** A parameter placeholder of a command's content (docs/dev/protocol.md §4.2). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(tat-hidden:)?([a-zA-Z0-9_-]{1,64})}}");

    private final String commandId;
    private final String name;
    private final String description;
    private final String content;
    private final String type;
    private final boolean enableParameter;
    private final Map<String, String> defaultParameters;
    private final Set<String> declaredParameters;
    private final long timeout;
    private final String workingDirectory;
    private final String username;
    private final String outputCosBucketUrl;
    private final String outputCosKeyPrefix;
    private final String createdBy;
    private final Instant createdTime;
    private final Map<String, String> tags;

    private EmulatedCommand(Builder builder) {
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tags));
        this.commandId = builder.commandId;
        this.name = builder.name;
        this.description = builder.description;
        this.content = builder.content;
        this.type = builder.type;
        this.enableParameter = builder.enableParameter;
        this.defaultParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.defaultParameters));
        this.declaredParameters = Collections.unmodifiableSet(new LinkedHashSet<>(builder.declaredParameters));
        this.timeout = builder.timeout;
        this.workingDirectory = builder.workingDirectory;
        this.username = builder.username;
        this.outputCosBucketUrl = builder.outputCosBucketUrl;
        this.outputCosKeyPrefix = builder.outputCosKeyPrefix;
        this.createdBy = builder.createdBy;
        this.createdTime = builder.createdTime;
    }

    /**
     * Starts a command with the given ID and these defaults: name {@code command}, content
     * {@code echo hello}, type SHELL, parameters disabled, timeout 60 s, working directory
     * {@code /root}, user {@code root}, created by USER at 2020-11-05T07:49:56Z.
     *
     * @param commandId {@code cmd-} followed by at least 8 lower-case letters or digits
     * @return a builder
     */
    public static Builder builder(String commandId) {
        if (!TatIds.COMMAND.isWellFormed(commandId)) {
            throw new IllegalArgumentException("not a TAT command ID (cmd-xxxxxxxx): " + commandId);
        }
        return new Builder(commandId);
    }

    /** @return the command ID, {@code cmd-...} */
    public String commandId() {
        return commandId;
    }

    /** @return the CommandName */
    public String name() {
        return name;
    }

    /** @return the Description */
    public String description() {
        return description;
    }

    /** @return the script text (the API carries it base64-encoded, see {@link #contentBase64()}) */
    public String content() {
        return content;
    }

    /** @return the Content field as the API sends it: base64 of the UTF-8 script */
    public String contentBase64() {
        return Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
    }

    /** @return SHELL, POWERSHELL or BAT */
    public String type() {
        return type;
    }

    /** @return whether InvokeCommand may pass Parameters */
    public boolean enableParameter() {
        return enableParameter;
    }

    /** @return declared parameters that have a default value, in declaration order */
    public Map<String, String> defaultParameters() {
        return defaultParameters;
    }

    /**
     * @return every declared parameter name: those with a default, those declared without one,
     *     and those the content uses as {@code {{name}}} or {@code {{tat-hidden:name}}}, as the real
     *     service finds them
     */
    public Set<String> declaredParameters() {
        Set<String> all = new LinkedHashSet<>(defaultParameters.keySet());
        all.addAll(declaredParameters);
        all.addAll(placeholders(content));
        return Collections.unmodifiableSet(all);
    }

    /** @return the parameter names the content uses as {@code {{tat-hidden:name}}}: their values are masked in records */
    public Set<String> hiddenParameters() {
        Set<String> hidden = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(content);
        while (m.find()) {
            if (m.group(1) != null) {
                hidden.add(m.group(2));
            }
        }
        return Collections.unmodifiableSet(hidden);
    }

    static Set<String> placeholders(String script) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(script);
        while (m.find()) {
            names.add(m.group(2));
        }
        return names;
    }

    /** @return the default Timeout in seconds */
    public long timeout() {
        return timeout;
    }

    /** @return the default WorkingDirectory */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** @return the default Username */
    public String username() {
        return username;
    }

    /** @return the default OutputCOSBucketUrl, {@code ""} when unset */
    public String outputCosBucketUrl() {
        return outputCosBucketUrl;
    }

    /** @return the default OutputCOSKeyPrefix, {@code ""} when unset */
    public String outputCosKeyPrefix() {
        return outputCosKeyPrefix;
    }

    /** @return TAT (a public command) or USER */
    public String createdBy() {
        return createdBy;
    }

    /** @return CreatedTime (also reported as UpdatedTime) */
    public Instant createdTime() {
        return createdTime;
    }

    /** @return the command's tags, key to value, in the order given */
    public Map<String, String> tags() {
        return tags;
    }

    /** Builds an {@link EmulatedCommand}; every setter returns the builder. */
    public static final class Builder {
        private final String commandId;
        private String name = "command";
        private String description = "";
        private String content = "echo hello";
        private String type = "SHELL";
        private boolean enableParameter;
        private final Map<String, String> defaultParameters = new LinkedHashMap<>();
        private final List<String> declaredParameters = new ArrayList<>();
        private long timeout = 60;
        private String workingDirectory = "/root";
        private String username = "root";
        private String outputCosBucketUrl = "";
        private String outputCosKeyPrefix = "";
        private String createdBy = "USER";
        private Instant createdTime = Instant.parse("2020-11-05T07:49:56Z");
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder(String commandId) {
            this.commandId = commandId;
        }

        /**
         * @param name the CommandName
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /**
         * @param description the Description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        /**
         * @param script the script text, not base64
         * @return this builder
         */
        public Builder content(String script) {
            this.content = Objects.requireNonNull(script);
            return this;
        }

        /**
         * @param commandType SHELL, POWERSHELL or BAT
         * @return this builder
         */
        public Builder type(String commandType) {
            if (!List.of("SHELL", "POWERSHELL", "BAT").contains(commandType)) {
                throw new IllegalArgumentException("CommandType must be SHELL, POWERSHELL or BAT: " + commandType);
            }
            this.type = commandType;
            return this;
        }

        /**
         * @param enable whether InvokeCommand may pass Parameters
         * @return this builder
         */
        public Builder enableParameter(boolean enable) {
            this.enableParameter = enable;
            return this;
        }

        /**
         * Declares a parameter with a default value.
         *
         * @param name the parameter name
         * @param value its default
         * @return this builder
         */
        public Builder defaultParameter(String name, String value) {
            defaultParameters.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Declares a parameter without a default: InvokeCommand must then give it a value, or
         * fails with {@code InvalidParameterValue.LackOfParameters}.
         *
         * @param name the parameter name
         * @return this builder
         */
        public Builder declaredParameter(String name) {
            declaredParameters.add(Objects.requireNonNull(name));
            return this;
        }

        /**
         * @param seconds the default Timeout
         * @return this builder
         */
        public Builder timeout(long seconds) {
            this.timeout = seconds;
            return this;
        }

        /**
         * @param directory the default WorkingDirectory
         * @return this builder
         */
        public Builder workingDirectory(String directory) {
            this.workingDirectory = Objects.requireNonNull(directory);
            return this;
        }

        /**
         * @param user the default Username
         * @return this builder
         */
        public Builder username(String user) {
            this.username = Objects.requireNonNull(user);
            return this;
        }

        /**
         * @param url the default OutputCOSBucketUrl
         * @return this builder
         */
        public Builder outputCosBucketUrl(String url) {
            this.outputCosBucketUrl = Objects.requireNonNull(url);
            return this;
        }

        /**
         * @param prefix the default OutputCOSKeyPrefix
         * @return this builder
         */
        public Builder outputCosKeyPrefix(String prefix) {
            this.outputCosKeyPrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /**
         * @param creator TAT (public command) or USER
         * @return this builder
         */
        public Builder createdBy(String creator) {
            if (!List.of("TAT", "USER").contains(creator)) {
                throw new IllegalArgumentException("CreatedBy must be TAT or USER: " + creator);
            }
            this.createdBy = creator;
            return this;
        }

        /**
         * @param time the CreatedTime
         * @return this builder
         */
        public Builder createdTime(Instant time) {
            this.createdTime = Objects.requireNonNull(time);
            return this;
        }

        /**
         * @param key a tag key
         * @param value its value
         * @return this builder
         */
        public Builder tag(String key, String value) {
            tags.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        /** @return the command */
        public EmulatedCommand build() {
            return new EmulatedCommand(this);
        }
    }
}
