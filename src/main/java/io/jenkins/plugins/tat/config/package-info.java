/**
 * The plugin's global settings (administrators only) and the making of API clients from them.
 */
package io.jenkins.plugins.tat.config;
