package org.doorplate.protocol.vectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Message;

/**
 * Writes the golden test vectors, {@code src/test/resources/vectors/vectors.json}, from the
 * sample messages. Run it only when the protocol changes on purpose, from the module directory:
 * {@code mvn -q test-compile exec:java} is not configured, so use
 * {@code java -cp target/classes:target/test-classes:<jackson-core.jar>
 * org.doorplate.protocol.vectors.VectorGenerator}; {@code GoldenVectorsTest} fails while the
 * committed file differs from what this writes.
 */
public final class VectorGenerator {
    public static final Path FILE = Path.of("src/test/resources/vectors/vectors.json");

    private VectorGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : FILE;
        Files.writeString(file, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /** The file's content: one vector per sample message, in the order of {@link Samples#all()}. */
    public static String generate() throws IOException {
        MessageAuthenticator authenticator = new MessageAuthenticator();
        CborCodec cbor = new CborCodec();
        JsonCodec json = new JsonCodec();
        HexFormat hex = HexFormat.of();
        StringWriter out = new StringWriter();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator generator = new JsonFactory().createGenerator(out).setPrettyPrinter(printer)) {
            generator.writeStartArray();
            for (Map.Entry<String, Message> sample : named().entrySet()) {
                Message message = sample.getValue();
                Envelope<Message> sealed = authenticator.seal(Samples.keyOf(message), message);
                generator.writeStartObject();
                generator.writeStringField("name", sample.getKey());
                generator.writeStringField("key", Samples.keyOf(message).hex());
                generator.writeFieldName("message");
                generator.writeRawValue(json.encodeToString(sealed));
                generator.writeStringField("cbor", hex.formatHex(cbor.encode(sealed)));
                generator.writeStringField("mac", sealed.mac().hex());
                generator.writeStringField("macInput", hex.formatHex(CborCodec.macInput(message)));
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return out + "\n";
    }

    private static Map<String, Message> named() {
        Map<String, Message> named = new LinkedHashMap<>();
        named.put("marker_reading", Samples.markerReading());
        named.put("marker_reading_extremes", Samples.markerReadingSouthWest());
        named.put("doorplate_reading", Samples.doorplateReading());
        named.put("doorplate_reading_with_fix", Samples.doorplateReadingWithFix());
        named.put("device_event_tamper", Samples.tamperEvent());
        named.put("device_event_fault", Samples.faultEvent());
        named.put("device_event_boot_utf8", Samples.bootEvent());
        named.put("reading_batch", Samples.markerBatch());
        named.put("command_result_ok", Samples.commandResult());
        named.put("command_result_unsupported", Samples.failedCommandResult());
        named.put("command_set_report_interval", Samples.setInterval());
        named.put("command_set_thresholds", Samples.setThresholds());
        named.put("command_reboot", Samples.reboot());
        named.put("command_locate", Samples.locate());
        if (named.size() != Samples.all().size()) {
            throw new IllegalStateException("every sample needs a vector name");
        }
        return named;
    }
}
