package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Retires a plate, optionally naming the plate that replaces it. */
@Serdeable
public record RetireRequest(@Nullable String successorCode) {
}
