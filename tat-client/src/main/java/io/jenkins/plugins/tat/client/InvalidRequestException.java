package io.jenkins.plugins.tat.client;

import io.jenkins.plugins.tat.client.rules.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request broke one or more of the API's rules and was <em>not sent</em>.
 *
 * <p>The message lists every violation, each naming its field, for example:
 * <pre>
 * Invalid InvokeCommand request (2 problems, nothing was sent):
 *   - InstanceIds[1]: 'i-123' is not a TAT instance ID ... [InvalidParameterValue.InvalidInstanceId]
 *   - Timeout: 0 is out of range; it must be 1 to 86400 seconds [InvalidParameterValue.Range]
 * </pre>
 */
public final class InvalidRequestException extends TatException {

    private static final long serialVersionUID = 1L;

    /** @serial the violations; an immutable list of records */
    private final List<Violation> violations;

    /**
     * @param what what was being built or sent, e.g. {@code InvokeCommand request}
     * @param violations at least one violation
     */
    public InvalidRequestException(String what, List<Violation> violations) {
        super(format(what, violations), null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, in the order the fields were checked */
    public List<Violation> violations() {
        return violations;
    }

    private static String format(String what, List<Violation> violations) {
        String count = violations.size() == 1 ? "1 problem" : violations.size() + " problems";
        return "Invalid " + what + " (" + count + ", nothing was sent):"
                + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
    }
}
