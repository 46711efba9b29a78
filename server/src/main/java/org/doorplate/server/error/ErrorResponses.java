package org.doorplate.server.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the body of every error answer, the framework's own (no route, bad JSON, failed
 * validation, a missing parameter) as well as {@link DoorplateException}s: JSON
 * {@code {"error","message"}} for API clients, the HTML error page for browsers. Messages that
 * would show internals (a parser's text, a server-side exception) are replaced here, once.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ErrorResponses implements ErrorResponseProcessor<Object> {
    private static final String NOT_JSON = "the request body is not valid JSON: ";

    private final HtmlErrorResponseBodyProvider html;

    ErrorResponses(HtmlErrorResponseBodyProvider html) {
        this.html = html;
    }

    @Override
    @NonNull
    public MutableHttpResponse<Object> processResponse(@NonNull ErrorContext context,
                                                       @NonNull MutableHttpResponse<?> response) {
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> answer = (MutableHttpResponse<Object>) response;
        HttpRequest<?> request = context.getRequest();
        if (request.getMethod() == HttpMethod.HEAD) {
            return answer;
        }
        String message = message(context, response.code());
        if (wantsHtml(request)) {
            ErrorContext safe = ErrorContext.builder(request).errorMessage(message).build();
            answer.body(html.body(safe, response)).contentType(MediaType.TEXT_HTML_TYPE);
            return answer;
        }
        answer.body(new ErrorBody(code(context, response.code()), message))
            .contentType(MediaType.APPLICATION_JSON_TYPE);
        return answer;
    }

    private static String code(ErrorContext context, int httpCode) {
        Optional<DoorplateException> failure = doorplateCause(context);
        if (failure.isPresent()) {
            return failure.get().status().code();
        }
        return ErrorStatus.ofHttp(httpCode).map(ErrorStatus::code).orElseGet(() -> HttpStatus.valueOf(httpCode)
            .name().toLowerCase(Locale.ROOT));
    }

    private static String message(ErrorContext context, int httpCode) {
        Optional<DoorplateException> failure = doorplateCause(context);
        if (failure.isPresent()) {
            return failure.get().getMessage();
        }
        Throwable cause = context.getRootCause().orElse(null);
        if (httpCode >= 500) {
            // The router has logged the exception with its stack trace; the caller learns nothing of it.
            return "internal server error";
        }
        Optional<String> unreadable = unreadableBody(cause);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        List<Error> errors = context.getErrors();
        String reason = HttpStatus.valueOf(httpCode).getReason();
        if (httpCode == HttpStatus.UNAUTHORIZED.getCode() && onlyReason(errors, reason)) {
            return "sign in required: send the bearer token from POST /login";
        }
        if (httpCode == HttpStatus.FORBIDDEN.getCode() && onlyReason(errors, reason)) {
            return "your roles do not allow this";
        }
        if (errors.isEmpty()) {
            return reason.toLowerCase(Locale.ROOT);
        }
        return errors.stream().map(ErrorResponses::describe).collect(Collectors.joining("; "));
    }

    private static boolean onlyReason(List<Error> errors, String reason) {
        return errors.isEmpty() || errors.size() == 1 && errors.get(0).getMessage().equals(reason);
    }

    /**
     * A body the JSON reader refused. The parser's own words say what is wrong and where; the
     * framework's wrapping around them (argument names, source excerpts) is dropped.
     */
    private static Optional<String> unreadableBody(@Nullable Throwable failure) {
        Throwable unreadable = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                JsonLocation at = json.getLocation();
                String where = at == null || at.getLineNr() < 0 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
                return Optional.of(NOT_JSON + json.getOriginalMessage().strip() + where);
            }
            if (unreadable == null && (cause instanceof SerdeException || cause instanceof JsonSyntaxException)) {
                unreadable = cause;
            }
        }
        return Optional.ofNullable(unreadable).map(cause -> NOT_JSON + cause.getMessage().strip());
    }

    private static String describe(Error error) {
        return error.getPath().map(path -> path + ": " + error.getMessage()).orElse(error.getMessage());
    }

    private static Optional<DoorplateException> doorplateCause(ErrorContext context) {
        for (Throwable cause = context.getRootCause().orElse(null); cause != null; cause = cause.getCause()) {
            if (cause instanceof DoorplateException failure) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    private static boolean wantsHtml(HttpRequest<?> request) {
        Collection<MediaType> accepted = request.accept();
        return accepted.stream().anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE))
            && accepted.stream().noneMatch(type -> type.matches(MediaType.APPLICATION_JSON_TYPE));
    }
}
