package com.example.csbs.stub.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@code format: uuid} value is the 8-4-4-4-12 hex form only. Jackson's own reader also takes
 * 24 characters of base64 (and "" as null), which would let a non-UUID through as a plan or resource id.
 */
final class CanonicalUuidDeserializer extends StdScalarDeserializer<UUID> {

    private static final long serialVersionUID = 1L;
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    CanonicalUuidDeserializer() {
        super(UUID.class);
    }

    @Override
    public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (UUID) context.handleUnexpectedToken(UUID.class, parser);
        }
        String text = parser.getText();
        if (!CANONICAL.matcher(text).matches()) {
            return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a UUID");
        }
        return UUID.fromString(text);
    }
}
