package io.jenkins.plugins.tat.client.rollout;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the scalar shapes a Pipeline passes for {@code waves} and {@code maxErrors}. */
final class RolloutSettings {

    private static final Pattern NUMBER_OR_PERCENT = Pattern.compile("\\s*([0-9]{1,9})\\s*(%?)\\s*");

    private RolloutSettings() {}

    /** A whole number or {@code "N"} / {@code "N%"}; empty for any other shape or text. */
    static Optional<Amount> amount(Object value) {
        if (value instanceof Number n) {
            // Groovy may pass 2, 2L, 2.0 or a BigDecimal: any whole number in range will do.
            BigDecimal d;
            try {
                d = new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return Optional.empty(); // NaN, infinity
            }
            boolean whole = d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
            return whole && d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                    ? Optional.of(new Amount(d.intValueExact(), false))
                    : Optional.empty();
        }
        if (value instanceof CharSequence text) {
            Matcher m = NUMBER_OR_PERCENT.matcher(text);
            if (m.matches()) {
                return Optional.of(new Amount(Integer.parseInt(m.group(1)), !m.group(2).isEmpty()));
            }
        }
        return Optional.empty();
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(field, List.of(new Violation(field, message, "InvalidParameterValue")));
    }

    static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        text = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return text + " (" + value.getClass().getSimpleName() + ")";
    }

    record Amount(int value, boolean percent) {}
}
