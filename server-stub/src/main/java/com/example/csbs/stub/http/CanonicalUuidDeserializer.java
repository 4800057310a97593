package com.example.csbs.stub.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.UUID;

/**
 * A {@code format: uuid} value is the 8-4-4-4-12 hex form only. Jackson's own reader also takes
 * 24 characters of base64 (and "" as null), which would let a non-UUID through as a plan or resource id.
 */
final class CanonicalUuidDeserializer extends StdScalarDeserializer<UUID> {

    private static final long serialVersionUID = 1L;

    CanonicalUuidDeserializer() {
        super(UUID.class);
    }

    @Override
    public UUID deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (UUID) context.handleUnexpectedToken(UUID.class, parser);
        }
        String text = parser.getText();
        if (!isCanonical(text)) {
            return (UUID) context.handleWeirdStringValue(UUID.class, text, "not a UUID");
        }
        return UUID.fromString(text);
    }

    /** 8-4-4-4-12 hex digits, checked by hand: cheaper than a regular expression, on every ID a request carries. */
    static boolean isCanonical(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0 && c < 128;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
