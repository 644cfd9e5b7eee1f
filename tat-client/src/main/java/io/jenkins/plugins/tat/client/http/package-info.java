/**
 * The call path of every Tencent Cloud API action: {@link io.jenkins.plugins.tat.client.http.ApiCaller}
 * (with its {@link io.jenkins.plugins.tat.client.http.CallerSettings}), the rate limiter, the retry
 * policy, the capped and time-bounded reading of an answer, the envelope checks and the redaction
 * of secrets from anything a failure may carry. The façades
 * {@link io.jenkins.plugins.tat.client.TatClient} and {@link io.jenkins.plugins.tat.client.StsClient}
 * only name their actions.
 */
package io.jenkins.plugins.tat.client.http;
