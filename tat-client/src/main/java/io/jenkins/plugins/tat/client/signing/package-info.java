/**
 * TC3-HMAC-SHA256 request signing (Tencent Cloud API 3.0), as a pure function of the request
 * bytes, the signed headers, the credential and the timestamp.
 *
 * <p>Reference: docs/dev/protocol.md §2 (the official "Signature v3" pages), reproduced by the official
 * worked examples in the unit tests.
 */
package io.jenkins.plugins.tat.client.signing;
