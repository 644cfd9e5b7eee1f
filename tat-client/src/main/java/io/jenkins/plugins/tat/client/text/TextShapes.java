package io.jenkins.plugins.tat.client.text;

/**
 * Questions about the spaces in a person's value that {@link String#isBlank()} does not answer:
 * it knows only {@link Character#isWhitespace}, which leaves out the no-break spaces (U+00A0,
 * U+2007, U+202F), so a value of three no-break spaces is not "blank" to it, yet shows as nothing.
 */
public final class TextShapes {

    private TextShapes() {}

    /**
     * @param value any text
     * @return whether every code point is white space or a Unicode space separator (so an empty
     *     text is all space too)
     */
    public static boolean isAllSpace(String value) {
        return value.codePoints().allMatch(TextShapes::isSpace);
    }

    /**
     * @param value any text
     * @return whether the first or the last code point is white space or a space separator
     */
    public static boolean hasSpaceAtEnd(String value) {
        if (value.isEmpty()) {
            return false;
        }
        return isSpace(value.codePointAt(0)) || isSpace(value.codePointBefore(value.length()));
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
