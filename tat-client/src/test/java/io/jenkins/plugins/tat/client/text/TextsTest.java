package io.jenkins.plugins.tat.client.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a message may quote: visible characters only, and not too many. */
class TextsTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0x9B, 0x00AD, 0x061C, 0x115F, 0x180E, 0x200B, 0x200D,
        0x200E, 0x202E, 0x2028, 0x2029, 0x2066, 0x2069, 0x3164, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF9, 0x1D173, 0xE0041})
    void invisibleCharactersAreWrittenOut(int cp) {
        String text = "a" + new String(Character.toChars(cp)) + "b";

        String shown = Texts.shorten(text);

        assertThat(Texts.hasInvisible(text)).isTrue();
        assertThat(shown).startsWith("a\\u").endsWith("b").doesNotContain(new String(Character.toChars(cp)));
    }

    @Test
    void visibleTextStaysAsItIs() {
        String text = "部署 ins-abc 1.4.2 /opt/app <b>&amp; ñ 🙂";

        assertThat(Texts.hasInvisible(text)).isFalse();
        assertThat(Texts.shorten(text)).isEqualTo(text);
    }

    @Test
    void aLoneSurrogateIsWrittenOut() {
        assertThat(Texts.shorten("x\ud800y")).isEqualTo("x\\ud800y");
    }

    @Test
    void supplementaryCharactersAreWrittenAsOneEscape() {
        assertThat(Texts.shorten("\udb40\udc41")).isEqualTo("\\u{e0041}");
    }

    @Test
    void longTextIsCutAndSaysHowMuchWasLeftOut() {
        String shown = Texts.serverText("x".repeat(5000));

        assertThat(shown).startsWith("x".repeat(Texts.SERVER_MAX)).endsWith("… (3976 more characters)");
        assertThat(Texts.shorten("y".repeat(81))).isEqualTo("y".repeat(80) + "… (1 more character)");
    }

    @Test
    void forgedLogLinesStayOnOneLine() {
        String shown = Texts.serverText("denied\r\n[Pipeline] echo\n\u001b[31mFinished: SUCCESS");

        assertThat(shown).doesNotContain("\n", "\r", "\u001b")
                .isEqualTo("denied\\u000d\\u000a[Pipeline] echo\\u000a\\u001b[31mFinished: SUCCESS");
    }
}
