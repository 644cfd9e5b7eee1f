package io.jenkins.plugins.tat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.tat.binding.TencentCloudApiKeyBinding;
import io.jenkins.plugins.tat.cloud.WithTencentCloudStep;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentials;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import io.jenkins.plugins.tat.invoke.AbstractInvocationBuilder;
import io.jenkins.plugins.tat.invoke.AbstractInvocationStep;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import io.jenkins.plugins.tat.invoke.TatInvokeStep;
import io.jenkins.plugins.tat.invoke.TatRunBuilder;
import io.jenkins.plugins.tat.invoke.TatRunStep;
import io.jenkins.plugins.tat.wait.TatWaitStep;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What of the Jenkins glue is API (see the {@code io.jenkins.plugins.tat} package documentation):
 * every other public type and every form web method is {@code @Restricted(NoExternalUse.class)},
 * and nothing that Pipeline, configuration as code or data binding uses is. tat-client's classes
 * ({@code io.jenkins.plugins.tat.client}) are left out: they are documented as internal there and
 * cannot use Jenkins annotations.
 */
class ApiSurfaceTest {

    /** The public types other plugins, Pipeline scripts and configuration as code may use. */
    private static final Set<Class<?>> API = Set.of(
            TatInvocationAction.class, TatInvocationAction.TaskSummary.class,
            TatGlobalConfiguration.class,
            TencentCloudCredentials.class, TencentCloudCredentialsImpl.class, TencentCloudCredentialsImpl.DescriptorImpl.class,
            CamRole.class, CamRole.DescriptorImpl.class,
            AbstractInvocationStep.class, AbstractInvocationBuilder.class,
            TatInvokeStep.class, TatInvokeStep.DescriptorImpl.class,
            TatInvokeBuilder.class, TatInvokeBuilder.DescriptorImpl.class,
            TatRunStep.class, TatRunStep.DescriptorImpl.class,
            TatRunBuilder.class, TatRunBuilder.DescriptorImpl.class,
            TatWaitStep.class, TatWaitStep.DescriptorImpl.class,
            WithTencentCloudStep.class, WithTencentCloudStep.DescriptorImpl.class,
            TencentCloudApiKeyBinding.class, TencentCloudApiKeyBinding.DescriptorImpl.class);

    /** Public members of API types that exist only for the plugin itself or its views. */
    private static final Set<String> INTERNAL_MEMBERS_OF_API = Set.of(
            "TatInvocationAction(String,String,String,String,int,String)", "TatInvocationAction.recordResult",
            "TatInvocationAction.getRun", "TatInvocationAction.recordSavedCommand", "TatInvocationAction.recordBatch",
            "TatInvocationAction.getAllOfRun", "TatInvocationAction.isFirstOfRun", "TatInvocationAction.getTasksFailedFirst",
            "TatInvocationAction.getUnsuccessfulCount", "TatInvocationAction.getStatuses",
            "TatGlobalConfiguration.endpointUri", "TatGlobalConfiguration.effectiveLanguage",
            "AbstractInvocationStep.getInstanceIdsText", "AbstractInvocationStep.getParametersText",
            "AbstractInvocationBuilder.getInstanceIdsText", "AbstractInvocationBuilder.getParametersText",
            "TatRunStep.getDefaultParametersText", "TatRunBuilder.getDefaultParametersText",
            "AbstractInvocationStep.kind", "TatInvokeBuilder.kind", "TatRunBuilder.kind",
            "DescriptorImpl.fieldsMayComeFromEnclosingBlock", "CamRole.toRequest", "CamRole.violations");

    private static List<Class<?>> glueClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(TatInvocationAction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("io/jenkins/plugins/tat");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith("io/jenkins/plugins/tat/client/") || relative.endsWith("package-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> c = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
                if (!c.isSynthetic() && !c.isAnonymousClass() && !c.isLocalClass()) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static boolean restricted(Class<?> c) {
        Restricted r = c.getAnnotation(Restricted.class);
        return r != null && List.of(r.value()).contains(NoExternalUse.class);
    }

    private static boolean restricted(Executable e) {
        Restricted r = e.getAnnotation(Restricted.class);
        return r != null && List.of(r.value()).contains(NoExternalUse.class);
    }

    private static String name(Executable e) {
        if (e instanceof Constructor<?> c) {
            return c.getDeclaringClass().getSimpleName() + "(" + String.join(",",
                    Stream.of(c.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
        }
        return e.getDeclaringClass().getSimpleName() + "." + e.getName();
    }

    @Test
    void everyPublicTypeIsApiOrRestricted() throws Exception {
        List<Class<?>> glue = glueClasses();
        List<String> neither = glue.stream()
                .filter(c -> Modifier.isPublic(c.getModifiers()) && !API.contains(c) && !restricted(c))
                .map(Class::getName).toList();

        assertThat(glue).as("glue classes found").hasSizeGreaterThan(20);
        assertThat(neither).as("public types neither API nor @Restricted(NoExternalUse.class)").isEmpty();
        assertThat(API.stream().filter(ApiSurfaceTest::restricted).map(Class::getName)).as("API types restricted").isEmpty();
    }

    @Test
    void theLocalizersMessagesClassesAreRestricted() throws Exception {
        List<Class<?>> messages = glueClasses().stream().filter(c -> c.getSimpleName().equals("Messages")).toList();

        assertThat(messages).hasSize(8).allMatch(ApiSurfaceTest::restricted);
    }

    @Test
    void everyFormWebMethodIsRestricted() throws Exception {
        List<String> webMethods = new ArrayList<>();
        List<String> unrestricted = new ArrayList<>();
        for (Class<?> c : glueClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getName().matches("do(Check|Fill|Verify)[A-Z].*")) {
                    webMethods.add(name(m));
                    if (!restricted(m)) {
                        unrestricted.add(name(m));
                    }
                }
            }
        }

        assertThat(webMethods).as("form web methods found").contains("InvokeFormChecks.doVerifyCommand",
                "ApiKeyFormChecks.doFillCredentialsIdItems", "DescriptorImpl.doCheckInvocationId",
                "TatGlobalConfiguration.doCheckEndpoint", "DescriptorImpl.doCheckSecretKey");
        assertThat(unrestricted).as("form web methods without @Restricted(NoExternalUse.class)").isEmpty();
    }

    @Test
    void whatDataBindingAndViewsOfOtherPluginsUseStaysUnrestricted() {
        List<String> wronglyRestricted = new ArrayList<>();
        List<String> wronglyOpen = new ArrayList<>();
        for (Class<?> c : API) {
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredConstructors()));
            members.addAll(List.of(c.getDeclaredMethods()));
            for (Executable e : members) {
                if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic() || e.getName().startsWith("do")) {
                    continue;
                }
                boolean internal = INTERNAL_MEMBERS_OF_API.contains(name(e));
                if (restricted(e) && !internal) {
                    wronglyRestricted.add(name(e));
                } else if (!restricted(e) && internal) {
                    wronglyOpen.add(name(e));
                }
                if (e.isAnnotationPresent(DataBoundConstructor.class) || e.isAnnotationPresent(DataBoundSetter.class)) {
                    assertThat(restricted(e)).as("data-bound %s restricted", name(e)).isFalse();
                }
            }
        }

        assertThat(wronglyRestricted).as("API members restricted").isEmpty();
        assertThat(wronglyOpen).as("internal members of API types left open").isEmpty();
    }
}
