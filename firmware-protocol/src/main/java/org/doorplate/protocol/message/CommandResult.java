package org.doorplate.protocol.message;

import java.util.Optional;

/**
 * A device's answer to a {@link Command}.
 *
 * @param header device, sequence number, time
 * @param commandId the command's identifier, 1..{@link Header#MAX_SEQ}
 * @param outcome how it went
 * @param detail an optional short explanation; decoders accept at most
 *     {@code Limits.maxTextBytes()} UTF-8 bytes (256 by default)
 */
public record CommandResult(Header header, long commandId, Outcome outcome, Optional<String> detail)
        implements Uplink {
    /** Checks the fields; see the component descriptions. */
    public CommandResult {
        Check.notNull("header", header);
        Check.range("command", commandId, 1, Header.MAX_SEQ);
        Check.notNull("outcome", outcome);
        Check.notNull("detail", detail);
        detail.ifPresent(d -> Check.text("detail", d));
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND_RESULT;
    }
}
