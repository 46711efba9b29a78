package org.doorplate.server.marker;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * The type letter that ends a marker number. Where one marker cannot stand on the line itself
 * (a river), a pair stands on both banks (A and B, 同号双立); where three divisions meet, three
 * markers share one number (C, D and E, 同号三立); otherwise one marker stands alone (Q, 单立).
 */
@Serdeable
public enum MarkerType {
    A(Group.PAIRED),
    B(Group.PAIRED),
    C(Group.TRIPLE),
    D(Group.TRIPLE),
    E(Group.TRIPLE),
    Q(Group.SINGLE);

    /** How many markers share one number. */
    public enum Group {
        /** Two markers, A and B (同号双立). */
        PAIRED("同号双立"),
        /** Three markers, C, D and E (同号三立). */
        TRIPLE("同号三立"),
        /** One marker, Q (单立). */
        SINGLE("单立");

        private final String chineseName;

        Group(String chineseName) {
            this.chineseName = chineseName;
        }

        /** The term a marker results table (界桩成果表) uses. */
        public String chineseName() {
            return chineseName;
        }
    }

    private final Group group;

    MarkerType(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    @JsonValue
    public String letter() {
        return name();
    }

    /** The type of a letter, if it is one. */
    public static Optional<MarkerType> ofLetter(char letter) {
        for (MarkerType type : values()) {
            if (type.name().charAt(0) == letter) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
