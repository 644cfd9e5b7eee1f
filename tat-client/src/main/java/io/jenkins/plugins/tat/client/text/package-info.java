/**
 * Text helpers shared by the rules and the transport: making text from a server safe to print,
 * describing a value's shape without showing it, recognising URLs and path look-alikes. Internal
 * to tat-client.
 */
package io.jenkins.plugins.tat.client.text;
