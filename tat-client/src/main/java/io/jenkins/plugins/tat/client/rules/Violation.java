package io.jenkins.plugins.tat.client.rules;

import java.util.Objects;

/**
 * One broken rule in a request, found locally before anything is sent.
 *
 * @param field the API's name of the field, e.g. {@code InstanceIds}, or {@code InstanceIds[3]}
 *     for one element
 * @param message what is wrong and what the rule is, in words a person understands; it never
 *     contains a secret
 * @param errorCode the TAT API error code this rule mirrors, e.g.
 *     {@code InvalidParameterValue.ParameterKeyLenExceeded}: what the server would answer had the
 *     request been sent
 */
public record Violation(String field, String message, String errorCode) implements java.io.Serializable {

    /**
     * @param field the API field name
     * @param message the explanation
     * @param errorCode the mirrored API error code
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(errorCode, "errorCode");
    }

    /** @return {@code field: message [errorCode]} */
    @Override
    public String toString() {
        return field + ": " + message + " [" + errorCode + "]";
    }
}
