/**
 * Tencent Cloud API keys in the Jenkins credentials store, and their look-up for a build.
 */
package io.jenkins.plugins.tat.credentials;
