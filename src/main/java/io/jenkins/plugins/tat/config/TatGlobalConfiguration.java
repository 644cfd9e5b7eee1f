package io.jenkins.plugins.tat.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.tat.client.Language;
import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.rules.Endpoints;
import io.jenkins.plugins.tat.client.rules.Violation;
import java.net.URI;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where the plugin sends its API requests, and in which language the API answers errors.
 *
 * <p>The endpoint is an administrator's setting, never a step argument: every request carries a
 * signature that the endpoint's owner could replay for five minutes, so only someone trusted with
 * all of Jenkins chooses where requests go. The page therefore needs {@link Jenkins#ADMINISTER}
 * (the default of {@link #getRequiredGlobalConfigPagePermission()}), not the weaker MANAGE.
 *
 * <p>Configuration as code:
 * <pre>
 * unclassified:
 *   tencentCloudTat:
 *     endpoint: "https://tat.intl.tencentcloudapi.com"
 *     language: "en-US"
 * </pre>
 */
@Extension
@Symbol("tencentCloudTat")
public final class TatGlobalConfiguration extends GlobalConfiguration {

    private String endpoint = TatClient.DEFAULT_ENDPOINT.toString();
    private String language = "";

    /** Loads the saved settings. */
    public TatGlobalConfiguration() {
        load();
    }

    /** @return the settings */
    @NonNull
    public static TatGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(TatGlobalConfiguration.class);
    }

    /** @return the API endpoint, {@code https://tat.tencentcloudapi.com} unless changed */
    @NonNull
    public String getEndpoint() {
        return endpoint;
    }

    /**
     * @param endpoint the API endpoint; blank restores the default
     */
    @DataBoundSetter
    public void setEndpoint(@CheckForNull String endpoint) {
        String value = Util.fixEmptyAndTrim(endpoint);
        this.endpoint = value == null ? TatClient.DEFAULT_ENDPOINT.toString() : value;
        save();
    }

    /** @return {@code en-US}, {@code zh-CN}, or empty for the API's default */
    @NonNull
    public String getLanguage() {
        return language;
    }

    /**
     * @param language {@code en-US}, {@code zh-CN}, or empty
     */
    @DataBoundSetter
    public void setLanguage(@CheckForNull String language) {
        this.language = Util.fixNull(language).trim();
        save();
    }

    /**
     * For {@link TatClientFactory}.
     *
     * @return the endpoint as a URI
     * @throws IllegalArgumentException if the saved endpoint is malformed (the form refuses it; a
     *     hand-edited file may not)
     */
    @NonNull
    @Restricted(NoExternalUse.class)
    public URI endpointUri() {
        Optional<Violation> problem = Endpoints.check(endpoint);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(Messages.TatGlobalConfiguration_BadEndpoint(problem.get().message()));
        }
        return URI.create(endpoint.strip());
    }

    /**
     * The language to ask the API for, for {@link TatClientFactory}. Unset, it follows the
     * controller's locale: Chinese where it is Chinese, English everywhere else (the API's own
     * default, Chinese, would give every other reader messages they may not read).
     *
     * @return the language chosen, or the controller's
     */
    @NonNull
    @Restricted(NoExternalUse.class)
    public Language effectiveLanguage() {
        for (Language l : Language.values()) {
            if (l.headerValue().equals(language)) {
                return l;
            }
        }
        return controllersLanguage();
    }

    /** @return Chinese when the controller's default locale is Chinese, else English */
    @NonNull
    static Language controllersLanguage() {
        return "zh".equals(java.util.Locale.getDefault().getLanguage()) ? Language.ZH_CN : Language.EN_US;
    }

    /**
     * A syntax check: it parses the typed text ({@link Endpoints#check(String)}) and neither
     * resolves nor connects to the host, nor reads the saved endpoint or anything else. Its
     * answers quote only the typed value (without user info) and the built-in default endpoint.
     * So it needs no permission, like the plugin's other syntax checks: the page is for
     * administrators, but the check would tell anyone else nothing private either.
     *
     * @param value the endpoint typed
     * @return whether it can serve as an endpoint
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // syntax only: reads the typed value, nothing else
    public FormValidation doCheckEndpoint(@QueryParameter String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok(Messages.TatGlobalConfiguration_DefaultEndpoint(TatClient.DEFAULT_ENDPOINT));
        }
        Optional<Violation> problem = Endpoints.check(value);
        if (problem.isPresent()) {
            return FormValidation.error(problem.get().message());
        }
        URI uri = URI.create(value.strip());
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            return FormValidation.warning(Messages.TatGlobalConfiguration_PlainHttp());
        }
        return FormValidation.ok();
    }

    /**
     * A fixed list, the same for everyone and written in this source, so it needs no permission.
     *
     * @return the languages to choose from
     */
    @POST
    @Restricted(NoExternalUse.class)
    @SuppressWarnings("lgtm[jenkins/no-permission-check]") // a fixed list of choices, nothing private
    public ListBoxModel doFillLanguageItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.TatGlobalConfiguration_LanguageDefault(), "");
        items.add("English (en-US)", Language.EN_US.headerValue());
        items.add("简体中文 (zh-CN)", Language.ZH_CN.headerValue());
        return items;
    }
}
