/**
 * The {@code withTencentCloud} block: a Tencent Cloud API key (and region) for the steps inside
 * it, as environment variables for {@code tccli} and the SDKs, masked in the log, and as the
 * defaults of the TAT steps, which then need no {@code credentialsId} or {@code region}.
 */
package io.jenkins.plugins.tat.cloud;
