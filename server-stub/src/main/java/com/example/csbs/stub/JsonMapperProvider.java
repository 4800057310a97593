package com.example.csbs.stub;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.UUID;

/**
 * How the stub reads and writes JSON, as strictly as the spec's request schema: a value of the
 * wrong JSON type is an error (no "true" for a boolean), so is null anywhere (no request field is
 * nullable), an ID that is not a canonical UUID, and a repeated item of a uniqueItems array; unknown
 * fields are ignored, as clients of the real service expect.
 */
public final class JsonMapperProvider implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
            .addModule(new SimpleModule("canonical-uuid").addDeserializer(UUID.class, new CanonicalUuidDeserializer()))
            .addModule(new UniqueItemsModule())
            .build();

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
