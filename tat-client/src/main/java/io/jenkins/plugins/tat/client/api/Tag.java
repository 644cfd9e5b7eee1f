package io.jenkins.plugins.tat.client.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * A resource tag, {@code {"Key": key, "Value": value}}: what a saved command carries
 * ({@link RunCommandRequest.Builder#tags}) and what a listing reports of an instance.
 *
 * @param key the key
 * @param value the value, possibly empty
 */
public record Tag(String key, String value) implements Serializable {

    /** Both are required; an absent value is an empty one. */
    public Tag {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
    }
}
