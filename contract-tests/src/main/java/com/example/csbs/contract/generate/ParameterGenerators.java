package com.example.csbs.contract.generate;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Generators of requests to the spec's operations without a body, driven by each operation's
 * parameters (Swagger Parser): path IDs and query strings, valid by the parameter schemas and mutated one
 * keyword at a time (wrong type, out of range, not in the enum, bad pattern or format, empty). A mutation may
 * or may not make a request invalid; the validator says which, not this class.
 *
 * <p>Only the keywords these parameters use are known (type string, integer, boolean, array of strings;
 * enum, format uuid, pattern, minimum, maxLength, minLength, style form without explode); any other is
 * refused, so that a richer spec fails here loudly instead of being generated wrongly. Valid values are drawn
 * half from the schema and half from given hints by parameter name (IDs and names the service holds), so that
 * filters and IDs hit something.
 */
public final class ParameterGenerators {

    /** One generated request: the operation, its path parameters and query, and the mutations made. */
    public record Sample(String operationId, String method, String pathTemplate, Map<String, String> pathValues,
                         Map<String, String> query, List<String> mutations) {

        public String path() {
            String path = pathTemplate;
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            return path;
        }

        @Override
        public String toString() {
            StringBuilder query = new StringBuilder();
            this.query.forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=').append(value));
            return method + " " + path() + query + " (" + operationId + "; mutation="
                    + (mutations.isEmpty() ? "none" : String.join(" + ", mutations)) + ", body=none)";
        }
    }

    private record Mutation(String name, BiFunction<Random, String, String> change) {
    }

    private record Param(String name, String in, boolean required, Schema<?> schema, Gen<String> valid, List<Mutation> mutations) {
    }

    private record Op(String operationId, String method, String path, List<Param> parameters) {
    }

    // Characters a path segment or query value can carry without more encoding than the test does.
    private static final String TEXT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.: ";
    private static final List<String> UNKNOWN_PARAMETERS = List.of("x", "x_page", "x_fields", "x_order", "x_filter");

    private final List<Op> operations = new ArrayList<>();
    private final Map<String, List<String>> hints;

    /**
     * @param operationIds the operations to generate requests to
     * @param fixed        values for parameters that are not generated (project_id), by name
     * @param hints        valid values by parameter name, or by operationId.name for one operation only (an empty
     *                     list there: values from the schema only)
     */
    public ParameterGenerators(OpenAPI spec, List<String> operationIds, Map<String, String> fixed, Map<String, List<String>> hints) {
        this.hints = Map.copyOf(hints);
        spec.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operationIds.contains(operation.getOperationId())) {
                operations.add(operation(path, method, operation, fixed));
            }
        }));
        if (operations.size() != operationIds.size()) {
            throw new IllegalArgumentException("the spec has not all of " + operationIds);
        }
    }

    /** The schemas of an operation's parameters, by name. */
    public Map<String, Schema<?>> parameterSchemas(String operationId) {
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        op(operationId).parameters().forEach(param -> schemas.put(param.name(), param.schema()));
        return schemas;
    }

    /** Every mutation {@link #samples} can make, by name ("wrong type at listBackups.limit"). */
    public List<String> mutationNames() {
        return operations.stream().flatMap(op -> mutationNames(op.operationId()).stream()).toList();
    }

    /** The mutations of one operation's parameters, by name. */
    public List<String> mutationNames(String operationId) {
        return op(operationId).parameters().stream().flatMap(param -> param.mutations().stream()).map(Mutation::name).toList();
    }

    /**
     * Requests to one of the operations: valid, and in the given share with one or two mutations; a tenth carry a
     * query parameter the operation does not have (mutation "unknown parameter").
     */
    public Gen<Sample> samples(int mutatedPercent) {
        return in -> {
            Op op = operations.get(pick(in, operations.size()));
            List<Choice> mutations = new ArrayList<>();
            if (chance(in, mutatedPercent)) {
                List<Param> mutable = op.parameters().stream().filter(param -> !param.mutations().isEmpty()).toList();
                for (int count = 1 + pick(in, 2); count > 0 && !mutable.isEmpty(); count--) {
                    Param param = mutable.get(pick(in, mutable.size()));
                    mutations.add(new Choice(param, param.mutations().get(pick(in, param.mutations().size()))));
                }
            }
            return draw(in, op, mutations, chance(in, 10), false);
        };
    }

    /** Requests to the operation valid by its parameters' schemas (whether the IDs exist is another matter). */
    public Gen<Sample> valid(String operationId) {
        Op op = op(operationId);
        return in -> draw(in, op, List.of(), false, false);
    }

    /**
     * Requests to the operation with the named mutation made, and no other: besides the mutated parameter only the
     * required ones, so that the answer is the mutation's. (With other optional parameters drawn too, a marker of a
     * random UUID got its 400 marker_not_found whatever the mutation was: a service that ignored an unknown status
     * passed the one case per kind that should catch it.)
     */
    public Gen<Sample> mutated(String operationId, String mutationName) {
        Op op = op(operationId);
        Choice choice = op.parameters().stream()
                .flatMap(param -> param.mutations().stream().map(mutation -> new Choice(param, mutation)))
                .filter(candidate -> candidate.mutation().name().equals(mutationName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mutation " + mutationName + " of " + operationId));
        return in -> draw(in, op, List.of(choice), false, true);
    }

    private record Choice(Param param, Mutation mutation) {
    }

    private Sample draw(Random in, Op op, List<Choice> mutations, boolean unknownParameter, boolean requiredOnly) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (Param param : op.parameters()) {
            if (param.required() || !requiredOnly && chance(in, 35)) {
                (param.in().equals("path") ? pathValues : query).put(param.name(), param.valid().generate(in));
            }
        }
        List<String> made = new ArrayList<>();
        for (Choice choice : mutations) {
            Param param = choice.param();
            Map<String, String> values = param.in().equals("path") ? pathValues : query;
            String valid = values.containsKey(param.name()) ? values.get(param.name()) : param.valid().generate(in);
            values.put(param.name(), choice.mutation().change().apply(in, valid));
            made.add(choice.mutation().name());
        }
        if (unknownParameter) {
            String unknown = UNKNOWN_PARAMETERS.get(pick(in, UNKNOWN_PARAMETERS.size()));
            if (op.parameters().stream().noneMatch(param -> param.name().equals(unknown))) {
                query.put(unknown, text(in, 0, 8));
                made.add("unknown parameter");
            }
        }
        // "." and ".." are dot segments, which HTTP clients resolve away (RFC 3986) before a service sees them; the
        // validator trims a segment of spaces away (and then finds another operation): neither is sent as an ID.
        pathValues.replaceAll((name, value) -> value.equals(".") || value.equals("..") ? value + "x" : value.replace(' ', '_'));
        return new Sample(op.operationId(), op.method(), op.path(), pathValues, query, made);
    }

    private Op op(String operationId) {
        return operations.stream().filter(op -> op.operationId().equals(operationId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId));
    }

    private Op operation(String path, PathItem.HttpMethod method, Operation operation, Map<String, String> fixed) {
        List<Param> parameters = new ArrayList<>();
        for (Parameter parameter : operation.getParameters()) {
            String name = parameter.getName();
            Schema<?> schema = parameter.getSchema();
            String where = operation.getOperationId() + "." + name;
            if (fixed.containsKey(name)) {
                String value = fixed.get(name);
                parameters.add(new Param(name, parameter.getIn(), true, schema, in -> value, List.of()));
                continue;
            }
            requireKnownKeywords(where, parameter, schema);
            List<String> hinted = hints.getOrDefault(where, hints.get(name));
            Gen<String> fromSchema = valid(schema);
            Gen<String> valid = hinted == null || hinted.isEmpty() ? fromSchema
                    : in -> chance(in, 50) ? hinted.get(pick(in, hinted.size())) : fromSchema.generate(in);
            List<Mutation> mutations = new ArrayList<>(mutations(where, schema));
            if (path.endsWith("{" + name + "}")) {
                // .../checkpoint_items/ is the listing's path with a trailing slash, which the stub routes as the
                // listing: not a question of this parameter
                mutations.removeIf(mutation -> mutation.name().startsWith("empty "));
            }
            parameters.add(new Param(name, parameter.getIn(), Boolean.TRUE.equals(parameter.getRequired()), schema, valid, mutations));
        }
        return new Op(operation.getOperationId(), method.name(), path, parameters);
    }

    private static Gen<String> valid(Schema<?> schema) {
        if (schema.getEnum() != null) {
            List<String> values = schema.getEnum().stream().map(String::valueOf).toList();
            return in -> values.get(pick(in, values.size()));
        }
        return switch (schema.getType()) {
            case "integer" -> {
                long minimum = schema.getMinimum() == null ? -1000 : schema.getMinimum().longValue();
                yield in -> String.valueOf(chance(in, 5) ? Long.MAX_VALUE - pick(in, 10) : minimum + pick(in, 12));
            }
            case "boolean" -> in -> chance(in, 50) ? "true" : "false";
            case "array" -> {
                Gen<String> item = valid(schema.getItems());
                yield in -> {
                    List<String> items = new ArrayList<>();
                    for (int count = 1 + pick(in, 3); count > 0; count--) {
                        items.add(item.generate(in));
                    }
                    return String.join(",", items);
                };
            }
            case "string" -> {
                if ("uuid".equals(schema.getFormat())) {
                    yield in -> new UUID(in.nextLong(), in.nextLong()).toString();
                }
                if (schema.getPattern() != null) {
                    RegexStrings pattern = RegexStrings.of(schema.getPattern());
                    int maxLength = schema.getMaxLength() == null ? Integer.MAX_VALUE : schema.getMaxLength();
                    yield in -> {
                        String value = pattern.generate(in);
                        return value.length() <= maxLength ? value : pattern.generate(in);
                    };
                }
                int minLength = schema.getMinLength() == null ? 0 : schema.getMinLength();
                yield in -> text(in, minLength, 10);
            }
            default -> throw new IllegalArgumentException("type " + schema.getType());
        };
    }

    private static List<Mutation> mutations(String where, Schema<?> schema) {
        List<Mutation> mutations = new ArrayList<>();
        BiFunction<String, BiFunction<Random, String, String>, Mutation> named =
                (kind, change) -> new Mutation(kind + " at " + where, change);
        mutations.add(named.apply("empty", (in, valid) -> ""));
        switch (schema.getType()) {
            case "integer" -> {
                mutations.add(named.apply("wrong type", (in, valid) -> chance(in, 50) ? text(in, 1, 6) : "true"));
                mutations.add(named.apply("decimal", (in, valid) -> valid + ".5"));
                if (schema.getMinimum() != null) {
                    BigDecimal minimum = schema.getMinimum();
                    mutations.add(named.apply("below minimum", (in, valid) ->
                            minimum.subtract(BigDecimal.valueOf(1 + (chance(in, 80) ? pick(in, 3) : pick(in, 1_000_000)))).toPlainString()));
                }
            }
            case "boolean" -> {
                mutations.add(named.apply("wrong type", (in, valid) -> List.of("yes", "no", "1", "0", "on").get(pick(in, 5))));
                mutations.add(named.apply("upper case", (in, valid) -> valid.toUpperCase(Locale.ROOT)));
            }
            case "array" -> {
                mutations.add(named.apply("bad item", (in, valid) -> valid + "," + text(in, 1, 8)));
                mutations.add(named.apply("empty item", (in, valid) -> valid + ","));
                mutations.add(named.apply("UUID look-alike item", (in, valid) -> lookAlike(in, valid.split(",")[0])));
            }
            case "string" -> {
                if (schema.getEnum() != null) {
                    mutations.add(named.apply("not in enum", (in, valid) -> chance(in, 50) ? valid.toUpperCase(Locale.ROOT) : valid + "x"));
                }
                if ("uuid".equals(schema.getFormat())) {
                    mutations.add(named.apply("UUID look-alike", ParameterGenerators::lookAlike));
                    mutations.add(named.apply("text", (in, valid) -> text(in, 1, 12)));
                }
                if (schema.getPattern() != null) {
                    mutations.add(named.apply("bad pattern", (in, valid) -> switch (pick(in, 4)) {
                        case 0 -> valid + text(in, 1, 3);
                        case 1 -> valid.isEmpty() ? "x" : valid.substring(0, pick(in, valid.length()));
                        case 2 -> valid.replace(':', ' ').replace('T', ' ');
                        default -> text(in, 1, 12);
                    }));
                }
                if (schema.getMaxLength() != null) {
                    int maxLength = schema.getMaxLength();
                    mutations.add(named.apply("over maxLength", (in, valid) -> {
                        String unit = valid.isEmpty() ? "x" : valid + ",";
                        String repeated = unit.repeat((maxLength + 21) / unit.length() + 1);
                        return repeated.substring(0, maxLength + 1 + pick(in, 20));
                    }));
                }
            }
            default -> throw new IllegalArgumentException("type " + schema.getType());
        }
        return mutations;
    }

    private static String lookAlike(Random in, String uuid) {
        String id = uuid.length() == 36 ? uuid : UUID.nameUUIDFromBytes(uuid.getBytes()).toString();
        return switch (pick(in, 6)) {
            case 0 -> id.replace("-", "");
            case 1 -> "urn:uuid:" + id;
            case 2 -> id.substring(0, id.length() - 1);
            case 3 -> "g" + id.substring(1);
            case 4 -> "1-1-1-1-1";
            default -> id + "0";
        };
    }

    private static void requireKnownKeywords(String where, Parameter parameter, Schema<?> schema) {
        List<String> unknown = new ArrayList<>();
        if (schema.getAllOf() != null || schema.getAnyOf() != null || schema.getOneOf() != null || schema.getNot() != null) {
            unknown.add("composition");
        }
        if (schema.getMaximum() != null || schema.getExclusiveMinimum() != null || schema.getExclusiveMaximum() != null) {
            unknown.add("maximum/exclusive bounds");
        }
        if (schema.getMaxItems() != null || schema.getMinItems() != null || schema.getUniqueItems() != null) {
            unknown.add("array bounds");
        }
        if (schema.getFormat() != null && !"uuid".equals(schema.getFormat())) {
            unknown.add("format " + schema.getFormat());
        }
        if (!List.of("string", "integer", "boolean", "array").contains(String.valueOf(schema.getType()))) {
            unknown.add("type " + schema.getType());
        }
        if ("array".equals(schema.getType()) && (!"string".equals(schema.getItems().getType()) || Boolean.TRUE.equals(parameter.getExplode()))) {
            unknown.add("an array other than comma-separated strings");
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the parameter " + where + " uses " + unknown
                    + ", which ParameterGenerators does not generate: extend it with the spec");
        }
    }

    private static int pick(Random in, int size) {
        return Gen.pick(in, size);
    }

    private static boolean chance(Random in, int percent) {
        return Gen.chance(in, percent);
    }

    private static String text(Random in, int minLength, int maxLength) {
        int length = minLength + pick(in, maxLength - minLength + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(TEXT_CHARS.charAt(pick(in, TEXT_CHARS.length())));
        }
        return text.toString();
    }

    /**
     * Strings matching a regular expression of the small kind the spec's patterns are: anchors, literals,
     * escapes ({@code \d}, {@code \.}), groups with alternatives, and the quantifiers {@code ? * {n} {n,m}}.
     */
    static final class RegexStrings {

        private sealed interface Node permits Literal, Digit, Group, Repeat {
        }

        private record Literal(char c) implements Node {
        }

        private record Digit() implements Node {
        }

        private record Group(List<List<Node>> alternatives) implements Node {
        }

        private record Repeat(Node node, int min, int max) implements Node {
        }

        private final String regex;
        private final List<List<Node>> root;
        private int at;

        private RegexStrings(String regex) {
            this.regex = regex.replaceAll("^\\^", "").replaceAll("\\$$", "");
            this.root = alternatives();
            if (at != this.regex.length()) {
                throw new IllegalArgumentException("cannot generate strings for the pattern " + regex);
            }
        }

        static RegexStrings of(String regex) {
            return new RegexStrings(regex);
        }

        String generate(Random in) {
            StringBuilder out = new StringBuilder();
            generate(in, new Group(root), out);
            return out.toString();
        }

        private static void generate(Random in, Node node, StringBuilder out) {
            if (node instanceof Literal literal) {
                out.append(literal.c());
            } else if (node instanceof Digit) {
                out.append((char) ('0' + pick(in, 10)));
            } else if (node instanceof Group group) {
                group.alternatives().get(pick(in, group.alternatives().size())).forEach(part -> generate(in, part, out));
            } else if (node instanceof Repeat repeat) {
                for (int count = repeat.min() + pick(in, repeat.max() - repeat.min() + 1); count > 0; count--) {
                    generate(in, repeat.node(), out);
                }
            }
        }

        private List<List<Node>> alternatives() {
            List<List<Node>> alternatives = new ArrayList<>();
            List<Node> sequence = new ArrayList<>();
            while (at < regex.length() && regex.charAt(at) != ')') {
                char c = regex.charAt(at++);
                Node atom;
                if (c == '|') {
                    alternatives.add(sequence);
                    sequence = new ArrayList<>();
                    continue;
                } else if (c == '(') {
                    atom = new Group(alternatives());
                    at++; // ')'
                } else if (c == '\\') {
                    char escaped = regex.charAt(at++);
                    atom = escaped == 'd' ? new Digit() : new Literal(escaped);
                } else if ("[].+^$".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("cannot generate strings for the pattern " + regex);
                } else {
                    atom = new Literal(c);
                }
                sequence.add(quantified(atom));
            }
            alternatives.add(sequence);
            return alternatives;
        }

        private Node quantified(Node atom) {
            if (at >= regex.length()) {
                return atom;
            }
            char c = regex.charAt(at);
            if (c == '?') {
                at++;
                return new Repeat(atom, 0, 1);
            }
            if (c == '*') {
                at++;
                return new Repeat(atom, 0, 3);
            }
            if (c == '{') {
                int close = regex.indexOf('}', at);
                String[] bounds = regex.substring(at + 1, close).split(",", -1);
                at = close + 1;
                int min = Integer.parseInt(bounds[0]);
                return new Repeat(atom, min, bounds.length == 1 ? min : Integer.parseInt(bounds[1]));
            }
            return atom;
        }
    }
}
