package org.doorplate.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Uplink;

/**
 * The JSON encoding: the same maps as CBOR with readable names, for devices and people that
 * prefer text. Fixed-point values are exact decimals in their natural unit ({@code "lat"} in
 * degrees with up to 7 decimals, {@code "height"} in metres with up to 3...), enumerations
 * are lower-case names, times are ISO-8601 UTC with whole seconds and the MAC is hex.
 *
 * <p>The MAC of a JSON message is computed over the message's canonical CBOR
 * ({@link CborCodec#macInput}), so one MAC is valid in both encodings. Decoding never throws;
 * see {@link CborCodec}. Immutable and thread-safe.
 */
public final class JsonCodec {
    /** Top object, entries array, entry object. */
    private static final int MAX_DEPTH = 3;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Limits limits;

    /** A codec with {@link Limits#JSON_DEFAULT}. */
    public JsonCodec() {
        this(Limits.JSON_DEFAULT);
    }

    /** A codec that decodes within {@code limits}, not null. */
    public JsonCodec(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Limits limits() {
        return limits;
    }

    /** The message and its MAC as one JSON object, UTF-8. */
    public byte[] encode(Envelope<?> envelope) {
        return encodeToString(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /** The message and its MAC as one JSON object, on one line. */
    public String encodeToString(Envelope<?> envelope) {
        Objects.requireNonNull(envelope, "envelope");
        JsonFieldWriter writer = new JsonFieldWriter();
        MessageMapper.write(envelope, writer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writeValue(generator, writer.members());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                generator.writeFieldName((String) member.getKey());
                writeValue(generator, member.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object item : list) {
                writeValue(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal.toPlainString());
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else {
            generator.writeString((String) value);
        }
    }

    /** Decodes a message a device sent (UTF-8 JSON); null input is an error result. */
    public DecodeResult<Envelope<Uplink>> decodeUplink(byte[] utf8) {
        return decode(utf8, true).map(MessageMapper::castUplink);
    }

    /** Decodes a message the server sent, as a device does. */
    public DecodeResult<Envelope<Downlink>> decodeDownlink(byte[] utf8) {
        return decode(utf8, false).map(MessageMapper::castDownlink);
    }

    private DecodeResult<Envelope<? extends Message>> decode(byte[] utf8, boolean uplink) {
        if (utf8 == null || utf8.length == 0) {
            return DecodeResult.failed(new DecodeError(RejectReason.MALFORMED, "", "empty message"));
        }
        if (utf8.length > limits.maxMessageBytes()) {
            return DecodeResult.failed(new DecodeError(RejectReason.TOO_LARGE, "",
                "expected at most " + limits.maxMessageBytes() + " bytes, found " + utf8.length));
        }
        try {
            FieldReader reader = new JsonFieldReader(JsonTree.parseObject(utf8, MAX_DEPTH), "");
            return DecodeResult.ok(uplink ? MessageMapper.readUplink(reader, limits)
                : MessageMapper.readDownlink(reader));
        } catch (DecodeException e) {
            return DecodeResult.failed(e.error());
        } catch (RuntimeException e) {
            // A decoder bug must still end as a typed error, never as an exception in the caller.
            return DecodeResult.failed(new DecodeError(RejectReason.MALFORMED, "",
                "undecodable message (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
