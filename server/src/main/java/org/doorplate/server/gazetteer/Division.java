package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An administrative division, from a province down to a community.
 *
 * @param code the 12-digit statistical code
 * @param name the standard Chinese name
 * @param pinyin the romanized name, used on English pages
 * @param level derived from the code
 * @param parentCode the next division up, or null for a province
 * @param officeAddress where its office receives the public (communities and sub-districts)
 * @param officePhone its office's public telephone number
 */
@Serdeable
public record Division(
        String code,
        String name,
        @Nullable String pinyin,
        String level,
        @Nullable String parentCode,
        @Nullable String officeAddress,
        @Nullable String officePhone) {
}
