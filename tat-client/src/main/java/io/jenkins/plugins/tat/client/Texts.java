package io.jenkins.plugins.tat.client;

/** Small helpers for putting user input into messages safely. */
final class Texts {

    private static final int MAX = 80;

    private Texts() {}

    /**
     * Shortens a value to quote in a message, and makes control characters visible so that a
     * message cannot forge log lines.
     *
     * @param value a value typed by a person (never a secret)
     * @return at most about 80 printable characters
     */
    static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX) {
            out.append('…');
        }
        return out.toString();
    }
}
