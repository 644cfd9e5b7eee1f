/**
 * The form checks of the steps and the build step, as interfaces their descriptors implement, so
 * that each check is written once for every front end. Internal: nothing here is API for other
 * plugins.
 *
 * <p><b>Who gets an answer.</b> Any user with Overall/Read can call a descriptor's web methods
 * (jenkins.io, "Securely implementing form validation"), so each check is put in one of two kinds:
 * <ul>
 *   <li><b>Syntax checks</b> (region, command ID, instance IDs, parameters, timeout, user name,
 *       working directory, COS fields, wait timeout, invocation ID) look only at the typed value,
 *       with tat-client's rules: no credentials, no network, no files, no other items, no state.
 *       They answer everyone who can reach the form, because a viewer with Item/Extended Read or
 *       anyone in the global Snippet Generator (no job) would otherwise see an error under every
 *       field, and the answer tells nothing that the plugin's source does not. They take no
 *       {@code @AncestorInPath} item, so that they cannot come to depend on one, and carry
 *       {@code @SuppressWarnings("lgtm[jenkins/no-permission-check]")}, the suppression the
 *       Jenkins Security Scan documents for a web method without a permission check that
 *       returns nothing private and has no side effect (jenkins-infra/jenkins-codeql,
 *       {@code WebMethodMissingPermissionCheck.md}).</li>
 *   <li><b>Credentials and network checks</b> keep their permission. The credentials list and the
 *       credentials check follow the credentials plugin's consumer guide: in full only for
 *       Item/Extended Read or Credentials/Use Item (Overall/Administer outside a job), otherwise
 *       the current value alone and no verdict. The "Check command" button signs an API call with
 *       a stored key, so it needs Item/Configure (Overall/Administer outside a job).</li>
 * </ul>
 * Every check is {@code @POST}: the forms post them (core 2.285 and later, {@code f:validateButton}
 * always), and a check has no reason to answer another verb; the CSRF query of the security scan
 * ({@code jenkins/csrf}) expects it of every web method that calls more than trivial code.
 */
package io.jenkins.plugins.tat.forms;
