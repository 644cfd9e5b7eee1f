/**
 * The checks a request passes before it is sent: what the API accepts for each field (IDs,
 * regions, endpoints, parameters, COS locations, user names and directories), each failure a
 * {@link io.jenkins.plugins.tat.client.rules.Violation} that names the field, the rule and, where
 * the API has one, its error code. Front ends use the same rules for their form checks.
 */
package io.jenkins.plugins.tat.client.rules;
