package org.doorplate.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.sim.transport.DeviceLink;
import org.doorplate.sim.transport.LinkAnswer;

/** A link that keeps what the device sent and answers as the test says; it reaches no network. */
final class RecordingLink implements DeviceLink {
    final List<byte[]> payloads = new CopyOnWriteArrayList<>();
    volatile Function<byte[], LinkAnswer> answers = p -> LinkAnswer.accepted("2.04 CHANGED");
    volatile boolean connected;
    volatile int sessionsForgotten;

    @Override
    public void connect() {
        connected = true;
    }

    @Override
    public void drop() {
        connected = false;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public CompletionStage<LinkAnswer> send(byte[] payload, ContentType type) {
        if (!connected) {
            return CompletableFuture.completedFuture(LinkAnswer.failed("not connected"));
        }
        payloads.add(payload.clone());
        return CompletableFuture.completedFuture(answers.apply(payload));
    }

    @Override
    public void forgetSession() {
        sessionsForgotten++;
    }

    @Override
    public String describe() {
        return "recording";
    }

    @Override
    public void close() {
        connected = false;
    }

    /** Every payload decoded as an uplink; fails the test on one that does not decode. */
    List<Envelope<Uplink>> envelopes() {
        CborCodec cbor = new CborCodec();
        return payloads.stream().map(p -> {
            DecodeResult<Envelope<Uplink>> r = cbor.decodeUplink(p);
            if (!r.isOk()) {
                throw new AssertionError("undecodable payload: " + r.error());
            }
            return r.value();
        }).toList();
    }

    /** Every decoded uplink, after checking that its MAC verifies under {@code key}. */
    List<Uplink> verified(DeviceKey key) {
        MessageAuthenticator auth = new MessageAuthenticator();
        return envelopes().stream().map(e -> {
            if (!auth.verify(key, e)) {
                throw new AssertionError("MAC does not verify: " + e.message());
            }
            return e.message();
        }).toList();
    }
}
