package io.jenkins.plugins.tat.client.api;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;

/** A valid InvokeCommand request to break one rule at a time. */
final class ValidRequests {

    private ValidRequests() {}

    /** @return a builder of a minimal valid request */
    static InvokeCommandRequest.Builder valid() {
        return InvokeCommandRequest.builder().commandId("cmd-abcd1234").instanceIds("ins-abcd1234");
    }

    /** @return the violations of the request the builder builds */
    static List<Violation> violations(InvokeCommandRequest.Builder builder) {
        return builder.build().validate();
    }
}
