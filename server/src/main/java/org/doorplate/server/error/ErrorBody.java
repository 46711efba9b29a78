package org.doorplate.server.error;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of every error answer.
 *
 * @param error   the status code word, such as {@code not_found} (see {@link ErrorStatus#code()})
 * @param message what was wrong, for a person to read
 */
@Serdeable
public record ErrorBody(String error, String message) {
}
