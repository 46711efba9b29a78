package org.doorplate.server.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a {@link DoorplateException} with its status, message and, when known, Retry-After. */
@Produces
@Singleton
public final class DoorplateExceptionHandler implements ExceptionHandler<DoorplateException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(DoorplateExceptionHandler.class);

    private final ErrorResponseProcessor<?> responses;

    DoorplateExceptionHandler(ErrorResponseProcessor<?> responses) {
        this.responses = responses;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DoorplateException exception) {
        LOG.debug("request {} {} rejected: {} {}", request.getMethod(), request.getPath(),
            exception.status(), exception.getMessage());
        MutableHttpResponse<?> response = HttpResponse.status(exception.status().httpStatus());
        exception.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER,
            Long.toString(Math.max(1, wait.toSeconds()))));
        return responses.processResponse(ErrorContext.builder(request)
            .cause(exception)
            .errorMessage(exception.getMessage())
            .build(), response);
    }
}
