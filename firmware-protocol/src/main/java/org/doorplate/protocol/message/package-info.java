/**
 * The wire messages as immutable records: uplinks from devices, downlinks to them.
 *
 * <p>Every quantity is a fixed-point integer in the unit its accessor names (1e-7 degree,
 * millimetre, 0.01 degree, millivolt, 0.1 degree Celsius...), so that the canonical encoding
 * never involves floating point. Records check their ranges on construction and throw
 * {@link IllegalArgumentException} naming the field; a reference argument is never null
 * (absent values are {@link java.util.Optional} or {@link java.util.OptionalInt}).
 * All types here are immutable and therefore safe to share between threads.
 */
package org.doorplate.protocol.message;
