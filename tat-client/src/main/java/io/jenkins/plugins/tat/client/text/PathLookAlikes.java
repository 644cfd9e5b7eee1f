package io.jenkins.plugins.tat.client.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Characters that read as {@code /} or as {@code ..} in a COS key without being them, such as
 * U+FF0F FULLWIDTH SOLIDUS in {@code logs／／x} or U+2025 TWO DOT LEADER in {@code logs/‥/x}. COS
 * stores such a key as it is, so nothing is overwritten; but the key shown in the console, in
 * TaskResult.OutputUrl and in the build log then claims a directory structure it does not have.
 *
 * <p>The check folds each character on its own: a listed look-alike becomes the character it
 * imitates, anything else its NFKC form (Unicode compatibility normalisation, which turns
 * {@code ／} into {@code /}, {@code ‥} into {@code ..} and {@code ℅} into {@code c/o}). A
 * character is refused when its folded form brings a {@code /} the text did not have, or takes
 * part in a {@code ..} the text did not have. Folding character by character, rather than the
 * whole text, tells which character is to blame, and keeps a character that NFKC expands
 * into an innocent slash-free form (such as {@code ½}, whose NFKC form holds U+2044 FRACTION
 * SLASH) from being blamed for that character.
 */
public final class PathLookAlikes {

    /**
     * Look-alikes of {@code /} that NFKC leaves alone: the symbols and punctuation among the
     * entries for U+002F in Unicode's confusables.txt (UTS #39), and the combining solidus
     * overlays, which draw a {@code /} through the character before them. Not listed, although
     * confusables.txt has them: letters that words are made of, KATAKANA LETTER NO U+30CE, the
     * CJK ideograph U+4E3F and COPTIC CAPITAL LETTER OLD COPTIC ESH U+2CC6.
     */
    private static final Set<Integer> SLASHES = Set.of(
            0x0337, // COMBINING SHORT SOLIDUS OVERLAY
            0x0338, // COMBINING LONG SOLIDUS OVERLAY
            0x1735, // PHILIPPINE SINGLE PUNCTUATION
            0x2041, // CARET INSERTION POINT
            0x2044, // FRACTION SLASH
            0x20EB, // COMBINING LONG DOUBLE SOLIDUS OVERLAY
            0x2215, // DIVISION SLASH
            0x2571, // BOX DRAWINGS LIGHT DIAGONAL UPPER RIGHT TO LOWER LEFT
            0x27CB, // MATHEMATICAL RISING DIAGONAL
            0x29F8, // BIG SOLIDUS
            0x2F03, // KANGXI RADICAL SLASH (NFKC turns it into the ideograph U+4E3F, not into '/')
            0x3033, // VERTICAL KANA REPEAT MARK UPPER HALF
            0x31D3, // CJK STROKE SP
            0x1D23A); // GREEK INSTRUMENTAL NOTATION SYMBOL-47

    /**
     * Look-alikes of {@code .} that NFKC leaves alone, from the entries for U+002E in
     * confusables.txt. Not listed: ARABIC-INDIC DIGIT ZERO U+0660 and EXTENDED ARABIC-INDIC
     * DIGIT ZERO U+06F0, which are digits: {@code ١٠٠} is the number 100, not {@code 1..}.
     */
    private static final Set<Integer> DOTS = Set.of(
            0x0701, // SYRIAC SUPRALINEAR FULL STOP
            0x0702, // SYRIAC SUBLINEAR FULL STOP
            0xA4F8, // LISU LETTER TONE MYA TI
            0xA60E, // VAI FULL STOP
            0x10A50, // KHAROSHTHI PUNCTUATION DOT
            0x1D16D); // MUSICAL SYMBOL COMBINING AUGMENTATION DOT

    private PathLookAlikes() {}

    /**
     * @param text a key prefix
     * @return the first character that reads as {@code /} without being one
     */
    public static Optional<Integer> slash(String text) {
        return text.codePoints().filter(cp -> cp != '/' && fold(cp).indexOf('/') >= 0).boxed().findFirst();
    }

    /**
     * @param text a key prefix
     * @return the first character that takes part in a {@code ..} only the folded text has
     */
    public static Optional<Integer> dotDot(String text) {
        StringBuilder folded = new StringBuilder();
        // The code point each folded char came from; a '.' that came from '.' is no look-alike.
        List<Integer> from = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            String f = fold(cp);
            folded.append(f);
            for (int i = 0; i < f.length(); i++) {
                from.add(cp);
            }
        });
        for (int i = 0; i + 1 < folded.length(); i++) {
            if (folded.charAt(i) == '.' && folded.charAt(i + 1) == '.') {
                if (from.get(i) != '.') {
                    return Optional.of(from.get(i));
                }
                if (from.get(i + 1) != '.') {
                    return Optional.of(from.get(i + 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param cp a code point
     * @return how it reads: its name and code, e.g. {@code U+FF0F FULLWIDTH SOLIDUS}
     */
    public static String codePointName(int cp) {
        String name = Character.getName(cp);
        return String.format("U+%04X", cp) + (name == null ? "" : " " + name);
    }

    private static String fold(int cp) {
        if (SLASHES.contains(cp)) {
            return "/";
        }
        if (DOTS.contains(cp)) {
            return ".";
        }
        return Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    }
}
