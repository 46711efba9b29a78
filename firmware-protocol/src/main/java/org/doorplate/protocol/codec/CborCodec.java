package org.doorplate.protocol.codec;

import java.util.Objects;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Uplink;

/**
 * The CBOR encoding: each message is one map with small unsigned integer keys in the core
 * deterministic form of RFC 8949 section 4.2.1 (see PROTOCOL.md for the key table).
 *
 * <p>Encoding a constructed message always succeeds. Decoding never throws: it checks the
 * size limit first, then reads strictly (non-deterministic encodings, duplicate or unknown
 * keys, wrong types and out-of-range values are all errors) and returns a {@link DecodeResult}.
 * Immutable and thread-safe.
 */
public final class CborCodec {
    /** Top map, entries array, entry map. */
    private static final int MAX_DEPTH = 3;

    private final Limits limits;

    /** A codec with {@link Limits#CBOR_DEFAULT}. */
    public CborCodec() {
        this(Limits.CBOR_DEFAULT);
    }

    /** A codec that decodes within {@code limits}, not null. */
    public CborCodec(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public Limits limits() {
        return limits;
    }

    /** The message and its MAC (key 31) as one CBOR map. */
    public byte[] encode(Envelope<?> envelope) {
        Objects.requireNonNull(envelope, "envelope");
        CborFieldWriter writer = new CborFieldWriter();
        MessageMapper.write(envelope, writer);
        return writer.toByteArray();
    }

    /** Shorthand for {@code encode(new Envelope<>(message, mac))}. */
    public byte[] encode(Message message, Mac mac) {
        return encode(new Envelope<>(message, mac));
    }

    /**
     * The map without the MAC entry: the bytes the MAC is computed over, whatever encoding
     * the message travels in. Static because it does not depend on limits.
     */
    public static byte[] macInput(Message message) {
        Objects.requireNonNull(message, "message");
        CborFieldWriter writer = new CborFieldWriter();
        MessageMapper.write(message, writer);
        return writer.toByteArray();
    }

    /** Decodes a message a device sent; null input is an error result, not an exception. */
    public DecodeResult<Envelope<Uplink>> decodeUplink(byte[] bytes) {
        return decode(bytes, true).map(MessageMapper::castUplink);
    }

    /** Decodes a message the server sent, as a device does. */
    public DecodeResult<Envelope<Downlink>> decodeDownlink(byte[] bytes) {
        return decode(bytes, false).map(MessageMapper::castDownlink);
    }

    private DecodeResult<Envelope<? extends Message>> decode(byte[] bytes, boolean uplink) {
        if (bytes == null || bytes.length == 0) {
            return DecodeResult.failed(new DecodeError(RejectReason.MALFORMED, "", "empty message"));
        }
        if (bytes.length > limits.maxMessageBytes()) {
            return DecodeResult.failed(new DecodeError(RejectReason.TOO_LARGE, "",
                "expected at most " + limits.maxMessageBytes() + " bytes, found " + bytes.length));
        }
        try {
            CborItem root = CborReader.read(bytes, MAX_DEPTH);
            if (!(root instanceof CborItem.MapItem map)) {
                return DecodeResult.failed(new DecodeError(RejectReason.MALFORMED, "",
                    "expected a map, found " + root.typeName()));
            }
            FieldReader reader = new CborFieldReader(map, "");
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
