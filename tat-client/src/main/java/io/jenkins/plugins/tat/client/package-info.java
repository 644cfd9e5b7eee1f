/**
 * A Jenkins-free client for Tencent Cloud TAT (TencentCloud Automation Tools), API version
 * 2020-10-28.
 *
 * <p>Entry point: {@link io.jenkins.plugins.tat.client.TatClient}. Requests are immutable values
 * built by builders; every request is validated locally ({@link io.jenkins.plugins.tat.client.rules.Violation})
 * before anything is sent. Failures are unchecked {@link io.jenkins.plugins.tat.client.TatException}s:
 * {@link io.jenkins.plugins.tat.client.InvalidRequestException} (nothing sent),
 * {@link io.jenkins.plugins.tat.client.TencentCloudApiException} (the API answered with an error) and
 * {@link io.jenkins.plugins.tat.client.TatTransportException} (no usable answer). No message of
 * this package ever contains a SecretKey or session token.
 *
 * <p>Fleets: {@link io.jenkins.plugins.tat.client.targets} finds instances by tag or Auto Scaling
 * group through CVM, Lighthouse, Auto Scaling and TAT's own listing;
 * {@link io.jenkins.plugins.tat.client.fleet} sends a fleet in batches of one call each;
 * {@link io.jenkins.plugins.tat.client.rollout} cuts it into waves and decides, after each, whether
 * the next is sent.
 *
 * <p>The wire protocol followed is described in the project's {@code docs/dev/protocol.md}; section numbers
 * quoted in comments refer to it.
 */
package io.jenkins.plugins.tat.client;
