package com.example.csbs.contract.generate;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Generators driven by an OpenAPI schema: JSON values valid against it, and mutations of
 * such values, one schema keyword at a time. A mutation may or may not make a value invalid (a null where
 * null is allowed, an upper-case UUID); that is for the validator to say, not for this class.
 *
 * <p>UUIDs (and other strings) at chosen locations are drawn from given values, so that valid values can name what
 * the stub's data set holds. Only the keywords the request schemas use are known (type object, array, string,
 * integer, boolean; properties, required, nullable, enum, oneOf, format uuid, pattern (the alphabets the spec uses),
 * minLength, maxLength, minimum, maximum, minItems, maxItems, uniqueItems, minProperties, maxProperties,
 * additionalProperties true); any other is
 * refused, so that a richer spec fails here loudly instead of being generated wrongly.
 */
public final class SchemaGenerators {

    /** A value and the mutations made to it; prints as what is needed to replay it. */
    public record Sample(List<String> mutations, JsonNode json) {
        @Override
        public String toString() {
            return "mutation=" + (mutations.isEmpty() ? "none" : String.join(" + ", mutations)) + ", body=" + json;
        }
    }

    /** A named change at one location; {@code change} answers null where it does not apply. */
    private record Mutation(String name, UnaryOperator<JsonNode> change) {
    }

    /** Where a schema applies in a value: the property names from the root, or an element of the array there. */
    private record Location(List<String> names, boolean element, Schema<?> schema) {

        Location property(String name, Schema<?> propertySchema) {
            List<String> path = new ArrayList<>(names);
            path.add(name);
            return new Location(List.copyOf(path), false, propertySchema);
        }

        Location elements(Schema<?> itemSchema) {
            return new Location(names, true, itemSchema);
        }

        boolean isRoot() {
            return names.isEmpty();
        }

        String fieldName() {
            return names.get(names.size() - 1);
        }

        @Override
        public String toString() {
            return isRoot() ? "body" : String.join(".", names) + (element ? "[]" : "");
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    // Basic Latin, printable: the space to the tilde.
    private static final Gen<JsonNode> TEXT = text(' ', '~', 0, 12).map(TextNode::valueOf);

    // A value of each JSON type (null apart), for "wrong type" mutations.
    private static final Map<String, Gen<JsonNode>> VALUES_BY_JSON_TYPE = Map.of(
            "string", TEXT,
            "number", Gen.between(-1000, 1000).map(IntNode::valueOf),
            "boolean", Gen.booleans().map(BooleanNode::valueOf),
            "object", random -> JSON.objectNode(),
            "array", TEXT.list(0, 2).map(SchemaGenerators::arrayOf));

    private static final Gen<String> RANDOM_UUIDS = random -> new UUID(random.nextLong(), random.nextLong()).toString();

    /** The patterns of the spec's strings, each an alphabet (its characters), and a character outside it. */
    private record Alphabet(String characters, char outside) {
    }

    private static final String LETTERS_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final Map<String, Alphabet> PATTERN_ALPHABETS = Map.of(
            "^[A-Za-z0-9_-]+$", new Alphabet(LETTERS_DIGITS, ' '),
            "^[A-Za-z0-9_-]*$", new Alphabet(LETTERS_DIGITS, '.'),
            "^[^<>]*$", new Alphabet(printableWithout("<>"), '<'));
    /** A pattern of a string of digits (a number sent as a string, as the tag queries' limit and offset are). */
    private record DigitString(long min, long max) {
    }

    private static final Map<String, DigitString> DIGIT_STRINGS = Map.of(
            "^(1000|[1-9][0-9]{0,2})$", new DigitString(1, 1000),
            "^(0|[1-9][0-9]{0,8})$", new DigitString(0, 999_999_999));
    // What a string without a pattern is made of: Basic Latin, printable.
    private static final Alphabet PRINTABLE = new Alphabet(printableWithout(""), '\0');

    // Strings close to a UUID that a lenient reader might still take for one.
    private static final Map<String, UnaryOperator<String>> UUID_LOOK_ALIKES = lookAlikes();
    /**
     * Valid values drawn for a named mutation until it applies. A mutation deep in optional or oneOf-like parts (a
     * disk of a target of check_restorable: about 1 value in 4 has one) failed all of 10 draws often enough that a
     * run of every kind missed some; 200 draws miss one about once in 10^28.
     */
    private static final int MUTATION_TRIES = 200;

    private final OpenAPI spec;
    private final Map<String, List<String>> idsAt;
    private final List<String> otherIds;
    private final Location root;
    // By name ("drop at checkpoint.plan_id"), in the order of the schema.
    private final Map<String, Gen<Mutation>> mutations = new LinkedHashMap<>();

    /**
     * @param spec     the document, to resolve {@code $ref}s
     * @param schema   the schema of the values, an object schema
     * @param idsAt    the UUIDs (or other strings) to draw valid values from, by location ({@code checkpoint.plan_id},
     *                 {@code checkpoint.parameters.resources[]}); elsewhere they are random
     * @param otherIds UUIDs for the "other UUID" mutation besides random ones: ids that exist, but maybe not there
     */
    public SchemaGenerators(OpenAPI spec, Schema<?> schema, Map<String, List<String>> idsAt, List<String> otherIds) {
        this.spec = spec;
        this.idsAt = Map.copyOf(idsAt);
        this.otherIds = List.copyOf(otherIds);
        this.root = new Location(List.of(), false, resolve(schema));
        if (!"object".equals(root.schema().getType())) {
            throw new IllegalArgumentException("the root schema must be an object schema");
        }
        collectMutations(root);
    }

    /** Valid values, and in the given share values with one to three mutations. */
    public Gen<Sample> samples(int mutatedPercent) {
        Gen<Sample> valid = valid().map(json -> new Sample(List.of(), json));
        Gen<Sample> mutated = valid().zip(mutation().list(1, 3), SchemaGenerators::mutate);
        return Gen.weighted(100 - mutatedPercent, valid, mutatedPercent, mutated);
    }

    public Gen<JsonNode> valid() {
        return valid(root);
    }

    /**
     * Valid values with the named mutation made. Where it does not apply to a value (dropping a field the value
     * lacks), another value is drawn, a few times; a sample whose mutation never applied names none.
     */
    public Gen<Sample> mutated(String mutationName) {
        Gen<Mutation> mutation = mutations.get(mutationName);
        if (mutation == null) {
            throw new IllegalArgumentException("no mutation " + mutationName + "; there are " + mutations.keySet());
        }
        Gen<Sample> once = valid().zip(mutation.map(List::of), SchemaGenerators::mutate);
        return random -> {
            Sample sample = once.generate(random);
            for (int tries = 1; sample.mutations().isEmpty() && tries < MUTATION_TRIES; tries++) {
                sample = once.generate(random);
            }
            return sample;
        };
    }

    /** Every mutation {@link #samples} can make, by name ("drop at checkpoint.plan_id"). */
    public List<String> mutationNames() {
        return List.copyOf(mutations.keySet());
    }

    private Gen<JsonNode> valid(Location at) {
        Schema<?> schema = at.schema();
        requireKnownKeywords(at);
        if (schema.getOneOf() != null) {
            List<Gen<JsonNode>> alternatives = schema.getOneOf().stream()
                    .map(alternative -> valid(new Location(at.names(), at.element(), resolve(alternative)))).toList();
            return Gen.pick(alternatives).flatMap(alternative -> alternative);
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return Gen.<Object>pick(schema.getEnum()).map(SchemaGenerators::enumValue);
        }
        return switch (String.valueOf(schema.getType())) {
            case "object" -> schema.getMaxProperties() != null || schema.getMinProperties() != null ? validObjectOfSize(at) : validObject(at);
            case "array" -> validArray(at);
            case "string" -> "uuid".equals(schema.getFormat()) ? validUuid(at) : validText(at);
            case "integer" -> validInteger(schema);
            case "boolean" -> Gen.booleans().map(BooleanNode::valueOf);
            default -> throw unsupported(at, "type " + schema.getType());
        };
    }

    /** A string of the schema's alphabet and length; an unconstrained string is the usual TEXT (same draws). */
    private Gen<JsonNode> validText(Location at) {
        List<String> given = idsAt.get(at.toString());
        if (given != null) {
            return Gen.pick(given).map(TextNode::valueOf);
        }
        Schema<?> schema = at.schema();
        DigitString digits = schema.getPattern() == null ? null : DIGIT_STRINGS.get(schema.getPattern());
        if (digits != null) {
            int span = (int) Math.min(digits.max() - digits.min(), 2000);
            return Gen.between(0, span).map(offset -> TextNode.valueOf(Long.toString(digits.min() + offset)));
        }
        if (schema.getPattern() == null && schema.getMinLength() == null && schema.getMaxLength() == null) {
            return TEXT;
        }
        int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
        int max = schema.getMaxLength() == null ? min + 12 : Math.min(schema.getMaxLength(), min + 12);
        return text(alphabet(at), min, max).map(TextNode::valueOf);
    }

    private static Gen<JsonNode> validInteger(Schema<?> schema) {
        long min = schema.getMinimum() == null ? -1000 : schema.getMinimum().longValueExact();
        long max = schema.getMaximum() == null ? min + 2000 : Math.min(schema.getMaximum().longValueExact(), min + 2000);
        return Gen.between(0, (int) (max - min)).map(offset -> (JsonNode) JSON.numberNode(min + offset));
    }

    /** An object of minProperties to maxProperties of its properties, and no unknown field (it would count). */
    private Gen<JsonNode> validObjectOfSize(Location at) {
        Map<String, Gen<JsonNode>> fields = new LinkedHashMap<>();
        properties(at.schema()).forEach((name, propertySchema) -> fields.put(name, valid(at.property(name, propertySchema))));
        int min = at.schema().getMinProperties() == null ? 0 : at.schema().getMinProperties();
        int max = at.schema().getMaxProperties() == null ? fields.size() : Math.min(at.schema().getMaxProperties(), fields.size());
        if (at.schema().getRequired() != null && !at.schema().getRequired().isEmpty()) {
            throw unsupported(at, "minProperties or maxProperties with required properties");
        }
        List<String> names = List.copyOf(fields.keySet());
        return random -> {
            List<String> chosen = new ArrayList<>(names);
            Collections.shuffle(chosen, random);
            ObjectNode object = JSON.objectNode();
            chosen.subList(0, min + random.nextInt(max - min + 1)).forEach(name -> object.set(name, fields.get(name).generate(random)));
            return object;
        };
    }

    private Gen<JsonNode> validObject(Location at) {
        Map<String, Gen<Optional<JsonNode>>> fields = new LinkedHashMap<>();
        properties(at.schema()).forEach((name, propertySchema) -> {
            Gen<JsonNode> value = valid(at.property(name, propertySchema));
            if (Boolean.TRUE.equals(propertySchema.getNullable())) {
                // nullable: null is as valid a value as any other (for an optional field, the same as none)
                value = Gen.weighted(9, value, 1, Gen.constant(NullNode.getInstance()));
            }
            fields.put(name, isRequired(at.schema(), name) ? value.map(Optional::of) : value.optional(25));
        });
        // The schema leaves additionalProperties open, and the stub ignores unknown fields.
        Gen<Optional<Map.Entry<String, JsonNode>>> unknownField = text('a', 'z', 1, 6)
                .zip(VALUES_BY_JSON_TYPE.get("string").mix(VALUES_BY_JSON_TYPE.get("number")), (name, value) -> Map.entry("x_" + name, value))
                .optional(85);
        return random -> {
            ObjectNode object = JSON.objectNode();
            fields.forEach((name, value) -> value.generate(random).ifPresent(present -> object.set(name, present)));
            unknownField.generate(random).filter(field -> !object.has(field.getKey()))
                    .ifPresent(field -> object.set(field.getKey(), field.getValue()));
            return object;
        };
    }

    private Gen<JsonNode> validArray(Location at) {
        int minItems = at.schema().getMinItems() == null ? 0 : at.schema().getMinItems();
        int maxItems = at.schema().getMaxItems() == null ? minItems + 3 : Math.min(at.schema().getMaxItems(), minItems + 3);
        Gen<List<JsonNode>> elements = valid(at.elements(items(at))).list(minItems, maxItems);
        if (Boolean.TRUE.equals(at.schema().getUniqueItems())) {
            // Dropping repeats keeps at least one element, which is all minItems asks here (checked in requireKnownKeywords).
            elements = elements.map(list -> list.stream().distinct().toList());
        }
        return elements.map(SchemaGenerators::arrayOf);
    }

    private Gen<JsonNode> validUuid(Location at) {
        List<String> ids = idsAt.get(at.toString());
        return (ids == null ? RANDOM_UUIDS : Gen.pick(ids)).map(TextNode::valueOf);
    }

    private Alphabet alphabet(Location at) {
        String pattern = at.schema().getPattern();
        if (pattern == null) {
            return PRINTABLE;
        }
        Alphabet alphabet = PATTERN_ALPHABETS.get(pattern);
        if (alphabet == null) {
            throw unsupported(at, "pattern " + pattern);
        }
        return alphabet;
    }

    private Gen<Mutation> mutation() {
        return Gen.pick(List.copyOf(mutations.values())).flatMap(mutation -> mutation);
    }

    /** Applies the mutations in turn, and names those that still show: a later one may overwrite an earlier one. */
    private static Sample mutate(JsonNode valid, List<Mutation> mutations) {
        JsonNode json = applyAll(valid, mutations);
        List<Mutation> shown = new ArrayList<>(mutations);
        for (Mutation mutation : mutations) {
            List<Mutation> without = new ArrayList<>(shown);
            without.remove(mutation);
            if (applyAll(valid, without).equals(json)) {
                shown = without;
            }
        }
        return new Sample(shown.stream().map(Mutation::name).toList(), json);
    }

    private static JsonNode applyAll(JsonNode valid, List<Mutation> mutations) {
        JsonNode json = valid;
        for (Mutation mutation : mutations) {
            JsonNode changed = mutation.change().apply(json);
            json = changed == null ? json : changed;
        }
        return json;
    }

    private void collectMutations(Location at) {
        Schema<?> schema = at.schema();
        if (!at.isRoot() && !at.element()) {
            add("drop", at, Gen.constant(Boolean.TRUE), (json, ignored) -> remove(json, at));
        }
        if (!at.isRoot()) {
            addReplacement("null", at, Gen.constant(NullNode.getInstance()));
        }
        String jsonType = "integer".equals(schema.getType()) ? "number" : schema.getType();
        List<String> otherTypes = VALUES_BY_JSON_TYPE.keySet().stream().filter(type -> !type.equals(jsonType)).sorted().toList();
        addReplacement("wrong type", at, Gen.pick(otherTypes).flatMap(VALUES_BY_JSON_TYPE::get));
        if (schema.getOneOf() != null) {
            return; // the alternatives' own keywords: a value of one may well be valid for another
        }
        collectConstraintMutations(at);

        if ("uuid".equals(schema.getFormat())) {
            Gen<String> validIds = validUuid(at).map(id -> id.asText());
            UUID_LOOK_ALIKES.forEach((name, lookAlike) ->
                    addReplacement(name, at, validIds.map(id -> TextNode.valueOf(lookAlike.apply(id)))));
            addReplacement("text", at, TEXT);
            Gen<String> others = otherIds.isEmpty() ? RANDOM_UUIDS : Gen.pick(otherIds).mix(RANDOM_UUIDS);
            addReplacement("other UUID", at, others.map(TextNode::valueOf));
        }
        if ("array".equals(schema.getType())) {
            if (schema.getMinItems() != null && schema.getMinItems() > 0) {
                addReplacement("empty array", at, random -> JSON.arrayNode());
            }
            if (Boolean.TRUE.equals(schema.getUniqueItems())) {
                add("duplicate element", at, valid(at.elements(items(at))), (json, element) -> duplicateElement(json, at, element));
            }
            collectMutations(at.elements(items(at)));
        }
        if ("object".equals(schema.getType())) {
            properties(schema).forEach((name, propertySchema) -> collectMutations(at.property(name, propertySchema)));
        }
    }

    /** A value that breaks one keyword of the request schemas of spec 1.3.0 (enum, lengths, pattern, bounds, sizes). */
    private void collectConstraintMutations(Location at) {
        Schema<?> schema = at.schema();
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            addReplacement("value not in enum", at, text(LETTERS_DIGITS, 1, 8).map(text -> TextNode.valueOf("x" + text)));
        }
        DigitString digits = schema.getPattern() == null ? null : DIGIT_STRINGS.get(schema.getPattern());
        if ("string".equals(schema.getType()) && digits != null) {
            if (digits.min() > 0) {
                addReplacement("number below the pattern's", at, Gen.constant(TextNode.valueOf(Long.toString(digits.min() - 1))));
            }
            addReplacement("number above the pattern's", at, Gen.constant(TextNode.valueOf(Long.toString(digits.max() + 1))));
            addReplacement("leading zero", at, Gen.between(1, 9).map(n -> TextNode.valueOf("0" + n)));
            addReplacement("not digits", at, Gen.between(1, 9).map(n -> TextNode.valueOf(n + "x")));
        } else if ("string".equals(schema.getType()) && !"uuid".equals(schema.getFormat()) && schema.getEnum() == null) {
            Alphabet alphabet = alphabet(at);
            int min = schema.getMinLength() == null ? 0 : schema.getMinLength();
            if (min > 0) {
                addReplacement("too short", at, text(alphabet, min - 1, min - 1).map(TextNode::valueOf));
            }
            if (schema.getMaxLength() != null) {
                int tooLong = schema.getMaxLength() + 1;
                addReplacement("too long", at, text(alphabet, tooLong, tooLong).map(TextNode::valueOf));
            }
            if (schema.getPattern() != null) {
                addReplacement("character outside the pattern", at, text(alphabet, Math.max(min, 1), Math.max(min, 1) + 6)
                        .zip(Gen.between(0, 100), (text, where) -> {
                            int position = where % (text.length() + 1);
                            return TextNode.valueOf(text.substring(0, position) + alphabet.outside() + text.substring(position));
                        }));
            }
        }
        if ("integer".equals(schema.getType())) {
            addReplacement("fraction", at, Gen.between(0, 100).map(n -> JSON.numberNode(n + 0.5)));
            if (schema.getMinimum() != null) {
                addReplacement("below minimum", at, Gen.constant(JSON.numberNode(schema.getMinimum().longValueExact() - 1)));
            }
            if (schema.getMaximum() != null) {
                addReplacement("above maximum", at, Gen.constant(JSON.numberNode(schema.getMaximum().longValueExact() + 1)));
            }
        }
        if ("array".equals(schema.getType()) && schema.getMaxItems() != null) {
            int tooMany = schema.getMaxItems() + 1;
            addReplacement("too many elements", at, valid(at.elements(items(at))).list(tooMany, tooMany).map(SchemaGenerators::arrayOf));
        }
        if ("object".equals(schema.getType()) && schema.getMinProperties() != null && schema.getMinProperties() > 0) {
            addReplacement("too few properties", at, random -> JSON.objectNode());
        }
        if ("object".equals(schema.getType()) && schema.getMaxProperties() != null
                && schema.getMaxProperties() < properties(schema).size()) {
            Map<String, Gen<JsonNode>> every = new LinkedHashMap<>();
            properties(schema).forEach((name, propertySchema) -> every.put(name, valid(at.property(name, propertySchema))));
            addReplacement("too many properties", at, random -> {
                ObjectNode object = JSON.objectNode();
                every.forEach((name, value) -> object.set(name, value.generate(random)));
                return object;
            });
        }
    }

    /** Puts a generated value at the location (at one element of the array there, for an element location). */
    private void addReplacement(String kind, Location at, Gen<JsonNode> values) {
        Gen<Map.Entry<JsonNode, Integer>> valueAndIndex = values.zip(Gen.between(0, 3), Map::entry);
        add(kind, at, valueAndIndex, (json, chosen) -> replace(json, at, chosen.getKey(), chosen.getValue()));
    }

    private <T> void add(String kind, Location at, Gen<T> inputs, BiFunction<JsonNode, T, JsonNode> change) {
        String name = kind + " at " + at;
        if (mutations.put(name, inputs.map(input -> new Mutation(name, json -> change.apply(json, input)))) != null) {
            throw new IllegalStateException("two mutations named " + name);
        }
    }

    private static JsonNode replace(JsonNode json, Location at, JsonNode value, int index) {
        if (at.isRoot()) {
            return value.deepCopy();
        }
        JsonNode copy = json.deepCopy();
        ObjectNode parent = parentOf(copy, at);
        if (parent == null) {
            return null;
        }
        if (!at.element()) {
            parent.set(at.fieldName(), value.deepCopy());
        } else if (parent.get(at.fieldName()) instanceof ArrayNode array && !array.isEmpty()) {
            array.set(index % array.size(), value.deepCopy());
        } else if (!parent.has(at.fieldName())) {
            parent.set(at.fieldName(), JSON.arrayNode().add(value.deepCopy()));
        } else {
            return null; // something other than an array is there already
        }
        return copy;
    }

    private static JsonNode remove(JsonNode json, Location at) {
        JsonNode copy = json.deepCopy();
        ObjectNode parent = parentOf(copy, at);
        return parent == null || parent.remove(at.fieldName()) == null ? null : copy;
    }

    /** Repeats an element of the array; where there is no array yet, makes one of the given element twice. */
    private static JsonNode duplicateElement(JsonNode json, Location at, JsonNode element) {
        JsonNode copy = json.deepCopy();
        ObjectNode parent = parentOf(copy, at);
        if (parent == null) {
            return null;
        }
        JsonNode present = parent.get(at.fieldName());
        if (present instanceof ArrayNode array && !array.isEmpty()) {
            array.add(array.get(array.size() - 1).deepCopy());
        } else if (present == null) {
            parent.set(at.fieldName(), JSON.arrayNode().add(element.deepCopy()).add(element.deepCopy()));
        } else {
            return null;
        }
        return copy;
    }

    /**
     * The object holding the location's field (in an array on the way, its first element: a field of the array's
     * objects), or null where there is no object there (an earlier mutation, an empty array).
     */
    private static ObjectNode parentOf(JsonNode json, Location at) {
        JsonNode node = json;
        for (String name : at.names().subList(0, at.names().size() - 1)) {
            node = node instanceof ObjectNode object ? object.get(name) : null;
            if (node instanceof ArrayNode array) {
                node = array.isEmpty() ? null : array.get(0);
            }
        }
        return node instanceof ObjectNode object ? object : null;
    }

    private void requireKnownKeywords(Location at) {
        Schema<?> schema = at.schema();
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("allOf", schema.getAllOf());
        unknown.put("anyOf", schema.getAnyOf());
        unknown.put("not", schema.getNot());
        // additionalProperties: true says what every object schema here means anyway (unknown fields allowed).
        unknown.put("additionalProperties", Boolean.TRUE.equals(schema.getAdditionalProperties()) ? null : schema.getAdditionalProperties());
        unknown.put("exclusiveMinimum", schema.getExclusiveMinimum());
        unknown.put("exclusiveMaximum", schema.getExclusiveMaximum());
        unknown.put("multipleOf", schema.getMultipleOf());
        unknown.forEach((keyword, value) -> {
            if (value != null) {
                throw unsupported(at, keyword);
            }
        });
        if (schema.getPattern() != null && !DIGIT_STRINGS.containsKey(schema.getPattern())) {
            alphabet(at); // a pattern that is no known alphabet (or string of digits) is refused
        }
        boolean knownFormat = "string".equals(schema.getType()) && "uuid".equals(schema.getFormat())
                || "integer".equals(schema.getType()) && List.of("int32", "int64").contains(String.valueOf(schema.getFormat()));
        if (schema.getFormat() != null && !knownFormat) {
            throw unsupported(at, "format " + schema.getFormat());
        }
        if (schema.getMinItems() != null && schema.getMinItems() > 1 && Boolean.TRUE.equals(schema.getUniqueItems())) {
            throw unsupported(at, "minItems above 1 with uniqueItems");
        }
    }

    private IllegalArgumentException unsupported(Location at, String keyword) {
        return new IllegalArgumentException("the schema at " + at + " uses " + keyword
                + ", which SchemaGenerators does not generate: extend it with the spec");
    }

    private Map<String, Schema<?>> properties(Schema<?> schema) {
        Map<String, Schema<?>> properties = new LinkedHashMap<>();
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> properties.put(name, resolve(property)));
        }
        return properties;
    }

    private Schema<?> items(Location at) {
        return resolve(at.schema().getItems());
    }

    private static boolean isRequired(Schema<?> schema, String name) {
        return schema.getRequired() != null && schema.getRequired().contains(name);
    }

    private Schema<?> resolve(Schema<?> schema) {
        String ref = schema.get$ref();
        return ref == null ? schema : spec.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static JsonNode arrayOf(List<? extends JsonNode> elements) {
        ArrayNode array = JSON.arrayNode();
        elements.forEach(element -> array.add(element.deepCopy()));
        return array;
    }

    /** Strings of minLength to maxLength characters of the alphabet. */
    private static Gen<String> text(Alphabet alphabet, int minLength, int maxLength) {
        return text(alphabet.characters(), minLength, maxLength);
    }

    private static Gen<String> text(String characters, int minLength, int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            for (int length = minLength + random.nextInt(maxLength - minLength + 1); length > 0; length--) {
                text.append(characters.charAt(random.nextInt(characters.length())));
            }
            return text.toString();
        };
    }

    private static String printableWithout(String left) {
        StringBuilder characters = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            if (left.indexOf(c) < 0) {
                characters.append(c);
            }
        }
        return characters.toString();
    }

    /** An enum value as JSON: the parser reads the spec's values as strings or numbers. */
    private static JsonNode enumValue(Object value) {
        return value instanceof Number number ? JSON.numberNode(number.longValue()) : JSON.textNode(String.valueOf(value));
    }

    /** Strings of minLength to maxLength characters from first to last. */
    private static Gen<String> text(char first, char last, int minLength, int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            for (int length = minLength + random.nextInt(maxLength - minLength + 1); length > 0; length--) {
                text.append((char) (first + random.nextInt(last - first + 1)));
            }
            return text.toString();
        };
    }

    private static Map<String, UnaryOperator<String>> lookAlikes() {
        Map<String, UnaryOperator<String>> lookAlikes = new LinkedHashMap<>();
        lookAlikes.put("upper-case UUID", id -> id.toUpperCase(Locale.ROOT));
        lookAlikes.put("UUID without hyphens", id -> id.replace("-", ""));
        lookAlikes.put("UUID in braces", id -> "{" + id + "}");
        lookAlikes.put("UUID as URN", id -> "urn:uuid:" + id);
        lookAlikes.put("UUID in base64", id -> {
            UUID uuid = UUID.fromString(id);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        });
        lookAlikes.put("UUID missing a digit", id -> id.substring(0, id.length() - 1));
        lookAlikes.put("UUID with a non-hex digit", id -> "g" + id.substring(1));
        return lookAlikes;
    }
}
