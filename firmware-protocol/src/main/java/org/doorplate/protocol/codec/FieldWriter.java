package org.doorplate.protocol.codec;

import java.time.Instant;
import java.util.List;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/** Writes the fields of one message map, whatever the encoding. */
interface FieldWriter {
    void integer(Field field, long value);

    void bool(Field field, boolean value);

    void text(Field field, String value);

    void enumeration(Field field, WireCode value);

    void time(Field field, Instant value);

    void mac(Field field, Mac value);

    /** A fresh writer for one nested map, to be passed to {@link #entries}. */
    FieldWriter nested();

    void entries(Field field, List<FieldWriter> entries);
}
