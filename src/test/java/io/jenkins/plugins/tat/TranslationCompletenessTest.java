package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-visible text of the plugin has a zh_CN translation, and every translation still has
 * an English original: a key, a Jelly {@code ${%Text}} literal or a help file added later without
 * its zh_CN twin fails here. The translations must also be valid MessageFormat patterns with the
 * same arguments as the English ones.
 */
class TranslationCompletenessTest {

    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final String ZH = "_zh_CN";
    /** {@code ${%Key}} or {@code ${%Key(args)}}: Stapler takes the text up to '(' as the key. */
    private static final Pattern JELLY_TEXT = Pattern.compile("\\$\\{%([^}(]+)");
    /** A choice format with one placeholder nested in it, e.g. {@code {2,choice,0#none|0<{2,number} tasks}}. */
    private static final Pattern CHOICE = Pattern.compile("\\{\\d+,choice,[^{}]*(\\{[^{}]*}[^{}]*)*}");
    /** Texts that are names or log prefixes and read the same in Chinese. */
    private static final Set<String> UNTRANSLATED = Set.of("SecretId", "SecretKey", "RequestId", "TatInvoker.Failed");

    private static List<Path> files(String glob) throws IOException {
        var matcher = RESOURCES.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> all = Files.walk(RESOURCES)) {
            return all.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    private static Path twin(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + ZH + name.substring(dot));
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private static Set<String> keys(Properties p) {
        return new TreeSet<>(p.stringPropertyNames());
    }

    private static boolean isLocalized(Path file) {
        return file.getFileName().toString().matches(".*_[a-z]{2}(_[A-Z]{2})?\\.[a-z]+");
    }

    @Test
    void everyMessagesKeyHasAChineseTranslationAndViceVersa() throws IOException {
        List<Path> bundles = files("Messages.properties");
        assertThat(bundles).isNotEmpty();
        for (Path english : bundles) {
            Path chinese = twin(english);
            assertThat(chinese).as("translation of %s", english).exists();
            assertThat(keys(load(chinese))).as(chinese.toString()).isEqualTo(keys(load(english)));
        }
        assertThat(files("Messages" + ZH + ".properties")).as("Chinese bundles without an English one")
                .allMatch(p -> Files.exists(p.resolveSibling("Messages.properties")));
    }

    @Test
    void everyViewTextHasAChineseTranslationAndViceVersa() throws IOException {
        List<Path> views = files("*.jelly");
        assertThat(views).isNotEmpty();
        for (Path view : views) {
            Set<String> needed = new TreeSet<>();
            Matcher m = JELLY_TEXT.matcher(Files.readString(view, StandardCharsets.UTF_8));
            while (m.find()) {
                needed.add(m.group(1));
            }
            Path english = view.resolveSibling(view.getFileName().toString().replace(".jelly", ".properties"));
            needed.addAll(keys(load(english)));
            Path chinese = twin(english);
            if (needed.isEmpty()) {
                assertThat(chinese).as("translation of a view without text").doesNotExist();
                continue;
            }
            assertThat(chinese).as("translation of %s", view).exists();
            assertThat(keys(load(chinese))).as(chinese.toString()).isEqualTo(needed);
        }
        for (Path chinese : files("*" + ZH + ".properties")) {
            String name = chinese.getFileName().toString();
            if (!name.startsWith("Messages")) {
                assertThat(chinese.resolveSibling(name.replace(ZH + ".properties", ".jelly")))
                        .as("view of %s", chinese).exists();
            }
        }
    }

    @Test
    void everyHelpFileHasAChineseTwinAndViceVersa() throws IOException {
        List<Path> help = files("help*.html").stream().filter(p -> !isLocalized(p)).toList();
        assertThat(help).isNotEmpty();
        for (Path english : help) {
            assertThat(twin(english)).as("translation of %s", english).exists();
            String chinese = Files.readString(twin(english), StandardCharsets.UTF_8);
            assertThat(chinese).as(twin(english).toString()).startsWith("<div>").containsPattern("\\p{IsHan}");
        }
        for (Path chinese : files("help*" + ZH + ".html")) {
            assertThat(chinese.resolveSibling(chinese.getFileName().toString().replace(ZH, "")))
                    .as("English help of %s", chinese).exists();
        }
    }

    @Test
    void translationsAreMessageFormatPatternsWithTheSameArguments() throws IOException {
        List<Path> translations = files("*" + ZH + ".properties");
        assertThat(translations).isNotEmpty();
        for (Path file : translations) {
            Properties en = load(file.resolveSibling(file.getFileName().toString().replace(ZH, "")));
            Properties zh = load(file);
            for (String key : keys(zh)) {
                String where = file + ": " + key;
                String text = zh.getProperty(key);
                // A lone apostrophe starts a quoted section in MessageFormat and swallows what follows.
                assertThat(text.replace("''", "")).as(where).doesNotContain("'");
                if (!UNTRANSLATED.contains(key)) {
                    assertThat(text).as(where).containsPattern("\\p{IsHan}");
                }
                // a Jelly literal without an English properties entry is its own English text
                assertThat(shape(text)).as(where).isEqualTo(shape(en.getProperty(key, key)));
            }
        }
    }

    /**
     * How a pattern uses its arguments: the format of each index (MessageFormat also throws here on
     * a malformed pattern), and how many placeholders it has, so that one dropped or doubled shows.
     */
    private static List<String> shape(String pattern) {
        List<String> shape = new ArrayList<>();
        for (Format f : new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex()) {
            shape.add(f == null ? "plain"
                    : f instanceof ChoiceFormat ? "choice"
                    : f instanceof DecimalFormat d ? "number " + d.toPattern()
                    : f.getClass().getSimpleName());
        }
        String outerOnly = CHOICE.matcher(pattern).replaceAll("{choice}");
        shape.add(outerOnly.chars().filter(c -> c == '{').count() + " placeholders");
        return shape;
    }
}
