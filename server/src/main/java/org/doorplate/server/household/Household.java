package org.doorplate.server.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;

/**
 * A household registered behind a plate. Personal data: only officers and admins see it, and
 * every view is audited.
 *
 * @param id assigned by the store; ignored on input
 * @param headName the head of the household
 * @param members how many people live in it
 */
@Serdeable
public record Household(
        @Nullable Long id,
        String headName,
        int members,
        @Nullable String phone,
        @Nullable String note,
        @Nullable LocalDate registeredOn) {
    /** Checks every field; throws BAD_REQUEST naming the first bad one. */
    public Household validated() {
        Fields.require("headName", headName, 50);
        Fields.limit("phone", phone, 40);
        Fields.limit("note", note, 500);
        if (members < 1 || members > 99) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "members must be between 1 and 99, found " + members);
        }
        return this;
    }
}
