package io.jenkins.plugins.tat.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jenkins.plugins.tat.client.api.TaskOutput;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.auth.CredentialProvider;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a client's secrets (the SecretKeys and session tokens of every key it may have signed
 * with, {@link CredentialProvider#inUse()}) out of text that came from outside: API answers, transport error messages. A server or proxy that echoes a secret back,
 * as it is, base64-encoded or URL-encoded, must not get it into a build log, a build page or an
 * exception. The SecretId is not a secret: it is sent in the clear in every Authorization header.
 */
public final class SecretRedactor {

    static final String MASK = "****";

    /** Where the secrets come from; asked again whenever it hands out another key. */
    private final CredentialProvider credentials;
    /** The forms of the keys {@link CredentialProvider#inUse()} gave last. */
    private volatile Forms current;

    /**
     * The secrets of some keys in every form looked for, longest first so that no form is half
     * replaced, as text and as UTF-8 bytes (for output that TAT sends base64-encoded).
     */
    private record Forms(List<ApiKey> keys, List<String> text, List<byte[]> bytes) {}

    public SecretRedactor(CredentialProvider credentials) {
        this.credentials = credentials;
        this.current = formsOf(credentials.inUse());
    }

    private static Forms formsOf(List<ApiKey> keys) {
        Set<String> all = new LinkedHashSet<>();
        for (ApiKey key : keys) {
            addForms(all, key.secretKey());
            key.sessionToken().ifPresent(token -> addForms(all, token));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new Forms(List.copyOf(keys), List.copyOf(sorted),
                sorted.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /**
     * The forms of the keys in use now. A fixed key's are computed once; a temporary key's when a
     * renewal brought a new key (the previous one stays in use for answers still on their way).
     */
    private Forms forms() {
        Forms known = current;
        List<ApiKey> keys = credentials.inUse();
        if (!sameKeys(known.keys(), keys)) {
            known = formsOf(keys);
            current = known;
        }
        return known;
    }

    private static boolean sameKeys(List<ApiKey> a, List<ApiKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static void addForms(Set<String> forms, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(secret);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        forms.add(lowerCaseEscapes(url)); // %2f as well as %2F
    }

    private static final Pattern ESCAPE = Pattern.compile("%[0-9A-F]{2}");

    private static String lowerCaseEscapes(String url) {
        Matcher m = ESCAPE.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().toLowerCase(Locale.ROOT));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * @param text any text, or null
     * @return the text with every form of a secret replaced by {@value #MASK}
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String form : forms().text()) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return out;
    }

    /**
     * @param text any text, or null
     * @return whether it holds a form of a secret
     */
    public boolean reveals(String text) {
        return text != null && forms().text().stream().anyMatch(text::contains);
    }

    /**
     * Redacts every text value of an API answer in place. (A task's {@code Output} is not text in
     * the tree: {@link AnswerReader} decodes it with {@link #decodeOutput} as it reads the answer.)
     *
     * @param node an answer's {@code Response} object
     */
    public void redactTree(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, String>> replaced = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String clean = redact(value.asText());
                    if (!clean.equals(value.asText())) {
                        replaced.add(Map.entry(field.getKey(), clean));
                    }
                } else {
                    redactTree(value);
                }
            }
            replaced.forEach(e -> object.set(e.getKey(), TextNode.valueOf(e.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, TextNode.valueOf(redact(item.asText())));
                } else {
                    redactTree(item);
                }
            }
        }
    }

    /**
     * A command's output as TAT sends it, base64-encoded, decoded and with the secrets taken out:
     * from the text as it is, then from the decoded bytes, so that a secret the command printed is
     * found whatever its alignment in the base64. Output that is not base64 (which TAT never sends)
     * is kept as its own text.
     *
     * @param encoded the {@code Output} field's value
     * @return the output
     */
    public TaskOutput decodeOutput(String encoded) {
        String plain = redact(encoded);
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(plain);
        } catch (IllegalArgumentException e) {
            return TaskOutput.adopt(plain.getBytes(StandardCharsets.UTF_8));
        }
        return TaskOutput.adopt(redactBytes(bytes));
    }

    private byte[] redactBytes(byte[] bytes) {
        byte[] out = bytes;
        for (byte[] form : forms().bytes()) {
            out = replaceAll(out, form, MASK.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    /** Returns {@code in} itself when {@code target} does not occur in it. */
    private static byte[] replaceAll(byte[] in, byte[] target, byte[] replacement) {
        int at = indexOf(in, target, 0);
        if (at < 0) {
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int from = 0;
        while (at >= 0) {
            out.write(in, from, at - from);
            out.write(replacement, 0, replacement.length);
            from = at + target.length;
            at = indexOf(in, target, from);
        }
        out.write(in, from, in.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] in, byte[] target, int from) {
        outer:
        for (int i = from; i <= in.length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (in[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
