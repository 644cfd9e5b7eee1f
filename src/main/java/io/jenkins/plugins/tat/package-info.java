/**
 * The Tencent Cloud TAT plugin: what a build records about its invocations.
 *
 * <p>The Jenkins-free work (signing, the API client, validation, waiting) is in
 * {@code io.jenkins.plugins.tat.client}; the packages here only bind Jenkins to it.
 */
package io.jenkins.plugins.tat;
