package org.doorplate.protocol.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.doorplate.protocol.RejectReason;

/**
 * Parses a JSON text into plain values: {@code Map<String, Object>} (in document order),
 * {@code List<Object>}, {@link String}, {@link BigDecimal} and {@link Boolean}. The text must
 * be UTF-8 and hold exactly one object; null, duplicate names and deep nesting are rejected.
 */
final class JsonTree {
    /** No number the protocol defines needs more characters than this. */
    static final int MAX_NUMBER_LENGTH = 40;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(8)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build())
        .build();

    private final JsonParser parser;
    private final int maxDepth;

    private JsonTree(JsonParser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    static Map<String, Object> parseObject(byte[] utf8, int maxDepth) {
        String text = decodeUtf8(utf8);
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonTree tree = new JsonTree(parser, maxDepth);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw malformed("", "expected a JSON object, found " + describe(first));
            }
            Map<String, Object> root = tree.object("", 1);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw malformed("", "expected the end of the input after the object, found " + describe(after));
            }
            return root;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw malformed("", "invalid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("", "unreadable JSON: " + e.getMessage());
        }
    }

    private static String decodeUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8))
                .toString();
        } catch (CharacterCodingException e) {
            throw malformed("", "JSON must be UTF-8");
        }
    }

    private Map<String, Object> object(String path, int depth) throws IOException {
        checkDepth(path, depth);
        Map<String, Object> members = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            String child = path + name;
            if (members.containsKey(name)) {
                throw malformed(child, "duplicate field");
            }
            members.put(name, value(parser.nextToken(), child, depth));
        }
        return members;
    }

    private List<Object> array(String path, int depth) throws IOException {
        checkDepth(path, depth);
        List<Object> items = new ArrayList<>();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            items.add(value(token, path + "[" + index++ + "]", depth));
        }
        return items;
    }

    private Object value(JsonToken token, String path, int depth) throws IOException {
        switch (token) {
            case START_OBJECT:
                return object(path + ".", depth + 1);
            case START_ARRAY:
                return array(path, depth + 1);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new BigDecimal(parser.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                throw malformed(path, "null is not used: omit the field instead");
            default:
                throw malformed(path, "unexpected " + describe(token));
        }
    }

    private void checkDepth(String path, int depth) {
        if (depth > maxDepth) {
            throw malformed(path, "nested deeper than " + maxDepth + " levels");
        }
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof JsonToken token) {
            return token.isNumeric() ? "number" : token.asString() != null ? "'" + token.asString() + "'"
                : token.name().toLowerCase(Locale.ROOT).replace("value_", "");
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof BigDecimal) {
            return "number";
        }
        return "boolean";
    }

    private static DecodeException malformed(String path, String detail) {
        return new DecodeException(RejectReason.MALFORMED, path.endsWith(".")
            ? path.substring(0, path.length() - 1) : path, detail);
    }
}
