package org.doorplate.protocol.message;

/**
 * A message together with the MAC it travels with. Holding an envelope says nothing about
 * whether the MAC is right: {@code org.doorplate.protocol.auth.MessageAuthenticator} checks it.
 *
 * @param message the message, never null
 * @param mac its MAC, never null
 * @param <M> the message type
 */
public record Envelope<M extends Message>(M message, Mac mac) {
    /** Checks for null. */
    public Envelope {
        Check.notNull("message", message);
        Check.notNull("mac", mac);
    }
}
