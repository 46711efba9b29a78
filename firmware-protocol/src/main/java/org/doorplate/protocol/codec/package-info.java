/**
 * The two encodings of the messages: deterministic CBOR (RFC 8949 section 4.2.1) and JSON.
 *
 * <p>{@link org.doorplate.protocol.codec.CborCodec} and {@link org.doorplate.protocol.codec.JsonCodec}
 * are immutable and thread-safe. Their decoders never throw and never log: they return a
 * {@link org.doorplate.protocol.codec.DecodeResult} holding either the message or a
 * {@link org.doorplate.protocol.codec.DecodeError} that names the bad field and what was expected.
 * Every length a message declares is checked against the bytes present and the configured
 * {@link org.doorplate.protocol.codec.Limits} before anything is allocated for it.
 */
package org.doorplate.protocol.codec;
