/**
 * The Tencent Cloud TAT plugin: what a build records about its invocations.
 *
 * <p>The Jenkins-free work (signing, the API client, validation, waiting) is in
 * {@code io.jenkins.plugins.tat.client}; the packages here only bind Jenkins to it.
 *
 * <p><b>What is API.</b> Only what Pipeline, configuration as code, data binding and other plugins
 * legitimately use, kept compatible across releases:
 * <ul>
 *   <li>the steps {@code tatInvoke} ({@code invoke.TatInvokeStep}), {@code tatRun}
 *       ({@code invoke.TatRunStep}) and {@code tatWait} ({@code wait.TatWaitStep}) and the freestyle
 *       build steps ({@code invoke.TatInvokeBuilder}, {@code invoke.TatRunBuilder}):
 *       their {@code @DataBoundConstructor}s, {@code @DataBoundSetter}s and matching getters, and
 *       their descriptors' names;</li>
 *   <li>the credential type: {@code credentials.TencentCloudCredentials} and
 *       {@code credentials.TencentCloudCredentialsImpl} (symbol {@code tencentCloudApiKey}), which
 *       other plugins may look up through the credentials plugin;</li>
 *   <li>the global settings {@code config.TatGlobalConfiguration} (symbol {@code tencentCloudTat}):
 *       {@code get()}, the endpoint and language getters and setters;</li>
 *   <li>the read side of {@link io.jenkins.plugins.tat.TatInvocationAction}: a build's
 *       invocations, for plugins and scripts that report on them.</li>
 * </ul>
 * Everything else public in these packages is public only for Jenkins, Stapler or Jelly to reach
 * it, or to share code between the plugin's packages, and is marked
 * {@code @Restricted(NoExternalUse.class)}: the invoker, the waiter and its step execution, the
 * client factory, the credentials look-up, the invocation spec, the form checks and every form
 * web method ({@code doCheck*}, {@code doFill*}, {@code doVerify*}). The localizer's generated
 * {@code Messages} classes carry the same restriction. The access-modifier-checker, which every
 * plugin built on the Jenkins parent POM runs, fails the build of another plugin that uses them;
 * {@code ApiSurfaceTest} keeps this list and the annotations in step.
 */
package io.jenkins.plugins.tat;
