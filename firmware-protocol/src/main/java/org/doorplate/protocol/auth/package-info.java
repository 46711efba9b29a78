/**
 * Message authentication and replay protection: device keys, the truncated HMAC-SHA256 over
 * the canonical CBOR, the uplink verifier and the per-device replay window.
 */
package org.doorplate.protocol.auth;
