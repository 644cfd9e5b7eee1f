package io.jenkins.plugins.tat.client.text;

/**
 * Text from people and from servers made safe to put into a message: capped in length, and with
 * every character that cannot be seen, or that changes how the text around it is shown, written
 * out as an escape. A message can then neither forge log lines (CR, LF, ANSI escapes), nor hide or
 * reorder what it quotes (zero-width and bidi characters), nor flood a log.
 */
public final class Texts {

    /** Code points of a person's value quoted in a message. */
    static final int QUOTE_MAX = 80;

    /** Code points of text from the server, such as {@code Error.Message}. */
    static final int SERVER_MAX = 1024;

    private Texts() {}

    /**
     * For quoting a person's value in a message, in this library and in the plugin's own messages.
     *
     * @param value a value typed by a person (never a secret), or {@code null}
     * @return at most {@value #QUOTE_MAX} code points, invisible ones escaped
     */
    public static String shorten(String value) {
        return visible(value, QUOTE_MAX);
    }

    /**
     * @param value text the server sent (already redacted of secrets)
     * @return at most {@value #SERVER_MAX} code points, invisible ones escaped
     */
    public static String serverText(String value) {
        return visible(value, SERVER_MAX);
    }

    /**
     * @param value any text
     * @param max the most code points to keep
     * @return the first {@code max} code points with invisible ones escaped (a backslash, {@code u},
     *     then four hex digits, or the hex digits in braces above U+FFFF), then {@code …} and how
     *     many were left out
     */
    public static String visible(String value, int max) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= max && isPlain(value)) {
            return value; // the usual case, an ID or a status: nothing to escape or cut, nothing to copy
        }
        StringBuilder out = new StringBuilder();
        int total = value.codePointCount(0, value.length());
        value.codePoints().limit(max).forEach(cp -> {
            if (isInvisible(cp)) {
                out.append(cp <= 0xFFFF ? String.format("\\u%04x", cp) : String.format("\\u{%x}", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (total > max) {
            int left = total - max;
            out.append("… (").append(left).append(left == 1 ? " more character)" : " more characters)");
        }
        return out.toString();
    }

    /** Whether every character is printable ASCII (space to tilde), which {@link #visible} keeps as it is. */
    private static boolean isPlain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param value any text
     * @return whether it holds a character that {@link #visible} would escape
     */
    public static boolean hasInvisible(String value) {
        return value.codePoints().anyMatch(Texts::isInvisible);
    }

    /**
     * Control characters (C0, DEL, C1), line and paragraph separators, lone surrogates, and
     * Unicode's Default_Ignorable_Code_Point set (zero-width characters, bidi controls, soft
     * hyphen, variation selectors, fillers, tags; DerivedCoreProperties.txt, Unicode 15).
     *
     * @param cp a code point
     * @return whether it is invisible or changes how the text around it is shown
     */
    public static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
            return true;
        }
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4
                || cp == 0x17B5 || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
