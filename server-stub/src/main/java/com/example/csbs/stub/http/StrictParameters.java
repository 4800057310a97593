package com.example.csbs.stub.http;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Path and query parameters read as strictly as the spec types them: a UUID only in its canonical
 * form (the JDK's reader takes "1-1-1-1-1"), a boolean only as {@code true} or {@code false}, lower
 * case as JSON writes them (the JDK's reader makes anything else false), an integer only as digits
 * (JAX-RS reads an empty value as none). A value that does not convert is a 400 with the CSBS body
 * ({@link CsbsErrorMapper}).
 */
public final class StrictParameters implements ParamConverterProvider {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Converter<>(value -> {
                if (!CANONICAL_UUID.matcher(value).matches()) {
                    throw new InvalidValue("not a UUID");
                }
                return UUID.fromString(value);
            });
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) new Converter<>(value -> switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidValue("not true or false");
            });
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new Converter<>(StrictParameters::integer);
        }
        return null;
    }

    /**
     * An integer in decimal digits, as the spec's {@code type: integer} (no empty value: JAX-RS reads {@code limit=} as
     * no limit). The spec sets no maximum: a value beyond the int range is clamped, which for limit and offset (the
     * only integers) means the same as the value itself.
     */
    private static Integer integer(String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw new InvalidValue("not an integer");
        }
        BigInteger parsed = new BigInteger(value);
        return parsed.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    /**
     * A value that does not convert. Jersey turns it into a ParamException (with the parameter's name) for a
     * single value, but lets it through as it is from a list parameter ({@code checkpoint_items}).
     */
    public static final class InvalidValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message);
        }
    }

    private record Converter<T>(java.util.function.Function<String, T> read) implements ParamConverter<T> {
        @Override
        public T fromString(String value) {
            if (value == null) {
                throw new InvalidValue("no value");
            }
            return read.apply(value);
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
