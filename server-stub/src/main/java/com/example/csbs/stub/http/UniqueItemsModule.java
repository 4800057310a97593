package com.example.csbs.stub.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * The generator turns every {@code uniqueItems} array of the spec into a {@link Set}, which would
 * drop a repeated item silently; with this module a repeated item is a parameter error instead.
 */
final class UniqueItemsModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    UniqueItemsModule() {
        super("unique-items");
        setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description,
                                                                    JsonDeserializer<?> deserializer) {
                return Set.class.isAssignableFrom(type.getRawClass())
                        ? new RejectingDuplicates(deserializer, type)
                        : deserializer;
            }
        });
    }

    /** A repeated item in a {@code uniqueItems} array; {@link CsbsErrorMapper} words it. */
    static final class DuplicateItemsException extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        DuplicateItemsException(JsonParser parser, JavaType type) {
            super(parser, "array items must be unique", type);
        }
    }

    private static final class RejectingDuplicates extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        private final JavaType type;

        RejectingDuplicates(JsonDeserializer<?> delegate, JavaType type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new RejectingDuplicates(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                return super.deserialize(parser, context); // not an array: the delegate reports the wrong type
            }
            // Counted as JSON first, because the Set no longer knows how many items were sent.
            JsonNode items = context.readTree(parser);
            try (JsonParser replay = items.traverse(parser.getCodec())) {
                replay.nextToken();
                Collection<?> distinct = (Collection<?>) _delegatee.deserialize(replay, context);
                if (distinct.size() < items.size()) {
                    throw new DuplicateItemsException(parser, type);
                }
                return distinct;
            }
        }
    }
}
