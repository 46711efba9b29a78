package org.doorplate.protocol.codec;

import java.util.function.Function;

/**
 * The outcome of decoding: the value or the error, never both.
 *
 * @param <T> the decoded type
 */
public sealed interface DecodeResult<T> permits DecodeResult.Ok, DecodeResult.Failed {
    /** A decoded value. */
    record Ok<T>(T value) implements DecodeResult<T> {
        /** Checks for null. */
        public Ok {
            if (value == null) {
                throw new NullPointerException("value");
            }
        }
    }

    /** A failure. */
    record Failed<T>(DecodeError error) implements DecodeResult<T> {
        /** Checks for null. */
        public Failed {
            if (error == null) {
                throw new NullPointerException("error");
            }
        }
    }

    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> DecodeResult<T> failed(DecodeError error) {
        return new Failed<>(error);
    }

    /** Whether this holds a value. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * The value.
     *
     * @throws IllegalStateException if this is a failure
     */
    default T value() {
        throw new IllegalStateException("no value: " + error());
    }

    /**
     * The error.
     *
     * @throws IllegalStateException if this holds a value
     */
    default DecodeError error() {
        throw new IllegalStateException("no error: decoding succeeded");
    }

    /** The value mapped by {@code f}, or the same error. */
    default <U> DecodeResult<U> map(Function<? super T, ? extends U> f) {
        return isOk() ? ok(f.apply(value())) : failed(error());
    }
}
