package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import io.jenkins.plugins.tat.binding.TencentCloudCredentialsBindingHandler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pipeline: Declarative is an optional dependency: the plugin must load and work without it. A
 * Jenkins without the plugin cannot be had in this build (it is a test dependency), so this test
 * checks what makes that work, in the compiled classes: only the credentials binding handler
 * names a Declarative type, it is an optional extension (Jenkins skips it when its superclass
 * is missing), and no other class of the plugin names the handler, so nothing else fails to link.
 */
class OptionalDeclarativeTest {

    private static final String DECLARATIVE = "org/jenkinsci/plugins/pipeline/modeldefinition/";
    private static final String HANDLER = TencentCloudCredentialsBindingHandler.class.getName().replace('.', '/');

    @Test
    void onlyTheOptionalHandlerUsesDeclarativeAndNothingUsesTheHandler() throws Exception {
        List<String> usingDeclarative = new ArrayList<>();
        List<String> usingHandler = new ArrayList<>();
        for (Path file : pluginClassFiles()) {
            // Every type a class refers to is named in its constant pool, in (modified) UTF-8.
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            String name = file.toString().replace('\\', '/');
            if (constants.contains(DECLARATIVE)) {
                usingDeclarative.add(name.substring(name.indexOf("io/jenkins/")));
            }
            if (constants.contains(HANDLER) && !name.endsWith(HANDLER + ".class")) {
                usingHandler.add(name);
            }
        }

        assertThat(usingDeclarative).containsExactly(HANDLER + ".class");
        assertThat(usingHandler).isEmpty();
        assertThat(TencentCloudCredentialsBindingHandler.class.getAnnotation(Extension.class).optional()).isTrue();
    }

    /** The plugin's own compiled classes (tat-client's included: it must not name Declarative either). */
    private static List<Path> pluginClassFiles() throws IOException, URISyntaxException {
        Path classes = Path.of(TatInvocationAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes.resolve("io/jenkins/plugins/tat"))) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
            assertThat(found).hasSizeGreaterThan(50);
            return found;
        }
    }
}
