package org.doorplate.protocol.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.auth.UplinkVerifier;
import org.doorplate.protocol.auth.Verification;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.MarkerReading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the codecs and the MAC cost per marker reading, beside two baselines measured in the
 * same run: the bare HMAC-SHA256 over the same MAC input (the floor for verification) and a
 * plain Jackson token walk over the same JSON (the floor for JSON decoding).
 *
 * <p>Run with {@code bench/codec.sh}; it is not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();
    private final JsonFactory jsonFactory = new JsonFactory();
    private final UplinkVerifier verifier =
        new UplinkVerifier(id -> Optional.of(Samples.MARKER_KEY));
    private Envelope<MarkerReading> envelope;
    private byte[] cborBytes;
    private byte[] jsonBytes;
    private byte[] macInput;
    private javax.crypto.Mac hmac;

    @Setup
    public void prepare() throws GeneralSecurityException {
        envelope = new MessageAuthenticator().seal(Samples.MARKER_KEY, Samples.markerReading());
        cborBytes = cbor.encode(envelope);
        jsonBytes = json.encode(envelope);
        macInput = CborCodec.macInput(envelope.message());
        hmac = javax.crypto.Mac.getInstance("HmacSHA256");
    }

    @Benchmark
    public byte[] encodeCbor() {
        return cbor.encode(envelope);
    }

    @Benchmark
    public byte[] encodeJson() {
        return json.encode(envelope);
    }

    @Benchmark
    public Object decodeCbor() {
        return cbor.decodeUplink(cborBytes);
    }

    @Benchmark
    public Object decodeJson() {
        return json.decodeUplink(jsonBytes);
    }

    @Benchmark
    public Verification verifyCbor() {
        return verifier.verify(cborBytes, ContentType.CBOR, null);
    }

    @Benchmark
    public Verification verifyJson() {
        return verifier.verify(jsonBytes, ContentType.JSON, null);
    }

    /** Baseline: the HMAC alone, keyed afresh as the verifier must do for each device. */
    @Benchmark
    public byte[] baselineHmac() throws GeneralSecurityException {
        hmac.init(new SecretKeySpec(Samples.MARKER_KEY.bytes(), "HmacSHA256"));
        return hmac.doFinal(macInput);
    }

    /** Baseline: reading every JSON token without building anything. */
    @Benchmark
    public void baselineJsonTokens(Blackhole sink) throws IOException {
        try (JsonParser parser = jsonFactory.createParser(jsonBytes)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                sink.consume(token);
            }
        }
    }
}
