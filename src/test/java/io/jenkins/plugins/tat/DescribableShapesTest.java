package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.tat.binding.TencentCloudApiKeyBinding;
import io.jenkins.plugins.tat.cloud.WithTencentCloudStep;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import io.jenkins.plugins.tat.invoke.TatRunBuilder;
import io.jenkins.plugins.tat.invoke.TatRunStep;
import io.jenkins.plugins.tat.wait.TatWaitStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The shapes that Pipeline scripts, the Snippet Generator, Job DSL's dynamic methods and JCasC
 * read from the plugin's classes stay as they are: each step's function name, each descriptor's
 * symbol, and every parameter {@code DescribableModel} sees (name, type, required or not).
 * Renaming, retyping or dropping one breaks scripts and YAML that users wrote; adding a required
 * one does too. The expected listing is {@code formats/describable-shapes.txt}; a deliberate,
 * compatible change (a new optional parameter, or a required one made optional, as
 * {@code credentialsId} and {@code region} of tatInvoke and tatWait were when they became setters)
 * is made by editing its line there.
 */
@WithJenkins
class DescribableShapesTest {

    private static final List<Class<? extends Describable<?>>> DESCRIBABLES = List.of(TatInvokeStep.class,
            TatRunStep.class, TatWaitStep.class, WithTencentCloudStep.class, TencentCloudApiKeyBinding.class,
            TatInvokeBuilder.class, TatRunBuilder.class, TencentCloudCredentialsImpl.class, CamRole.class);

    @Test
    void everyStepAndBuilderHasTheShapeItWasReleasedWith(JenkinsRule r) throws IOException {
        StringBuilder actual = new StringBuilder();
        for (Class<? extends Describable<?>> type : DESCRIBABLES) {
            actual.append(listing(r, type));
        }
        Path written = Path.of("target", "describable-shapes.actual.txt");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual, StandardCharsets.UTF_8);
        String expected;
        try (InputStream in = DescribableShapesTest.class.getResourceAsStream("formats/describable-shapes.txt")) {
            assertThat(in).isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual.toString()).as("the shapes (today's are in " + written.toAbsolutePath() + ")").isEqualTo(expected);
    }

    private static String listing(JenkinsRule r, Class<? extends Describable<?>> type) {
        Descriptor<?> descriptor = r.jenkins.getDescriptorOrDie(type);
        StringBuilder out = new StringBuilder(type.getName());
        if (descriptor instanceof StepDescriptor step) {
            out.append(" step=").append(step.getFunctionName()).append(" block=").append(step.takesImplicitBlockArgument());
        }
        Symbol symbol = descriptor.getClass().getAnnotation(Symbol.class);
        if (symbol != null) {
            out.append(" symbol=").append(String.join(",", symbol.value()));
        }
        out.append('\n');
        DescribableModel<?> model = DescribableModel.of(type);
        List<String> parameters = model.getParameters().stream().map(DescribableShapesTest::describe).sorted().toList();
        parameters.forEach(p -> out.append("  ").append(p).append('\n'));
        return out.toString();
    }

    private static String describe(DescribableParameter p) {
        return p.getName() + ": " + p.getRawType().getTypeName() + (p.isRequired() ? " required" : "")
                + (p.isDeprecated() ? " deprecated" : "");
    }
}
