package com.example.csbs.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.SortedSet;

/**
 * What the spec says about each operation beyond its parameters and answers: its {@code x-csbs-*}
 * extensions, read from the spec the client was generated from ({@code openapi.json} beside this class,
 * written by the build from {@code csbs/openapi.yaml}). The layer follows these instead of repeating them.
 */
public final class SpecExtensions {

    private static final String RESOURCE = "openapi.json";
    private static volatile SpecExtensions loaded;

    private final Map<String, Operation> operations;

    private SpecExtensions(Map<String, Operation> operations) {
        this.operations = Map.copyOf(operations);
    }

    /** The spec of this client, read once per JVM. */
    public static SpecExtensions load() {
        SpecExtensions spec = loaded;
        if (spec == null) {
            try (InputStream in = SpecExtensions.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing beside " + SpecExtensions.class.getName());
                }
                spec = parse(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the CSBS spec", e);
            }
            loaded = spec;
        }
        return spec;
    }

    static SpecExtensions parse(JsonNode document) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            JsonNode operation = method.getValue();
            if (!operation.has("operationId")) {
                return; // path-level parameters, not an operation
            }
            String id = operation.get("operationId").asText();
            if (!operation.path("x-csbs-idempotent").isBoolean()) {
                throw new IllegalStateException("the spec's operation " + id + " does not say x-csbs-idempotent");
            }
            SortedSet<Integer> errorStatuses = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                if (status.matches("[45]\\d\\d")) {
                    errorStatuses.add(Integer.valueOf(status));
                }
            });
            Map<String, Waiter> waiters = new LinkedHashMap<>();
            operation.path("x-csbs-waiters").properties().forEach(waiter ->
                    waiters.put(waiter.getKey(), Waiter.of(id, waiter.getKey(), waiter.getValue())));
            JsonNode pagination = operation.get("x-csbs-pagination");
            operations.put(id, new Operation(id, method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                    operation.get("x-csbs-idempotent").asBoolean(),
                    pagination == null ? Optional.empty() : Optional.of(Pagination.of(pagination)),
                    Map.copyOf(waiters), errorStatuses));
        }));
        return new SpecExtensions(operations);
    }

    /** Every operation, by operationId. */
    public Map<String, Operation> operations() {
        return operations;
    }

    /** The operation with this operationId. */
    public Operation operation(String operationId) {
        Operation operation = operations.get(operationId);
        if (operation == null) {
            throw new IllegalArgumentException("the spec has no operation " + operationId);
        }
        return operation;
    }

    /**
     * One operation: {@code x-csbs-idempotent} (safe to send again when no answer came, or a 429/5xx did),
     * {@code x-csbs-pagination}, {@code x-csbs-waiters}, and the error statuses it documents.
     */
    public record Operation(String operationId, String method, String path, boolean idempotent,
                            Optional<Pagination> pagination, Map<String, Waiter> waiters,
                            SortedSet<Integer> errorStatuses) {

        public Waiter waiter(String name) {
            Waiter waiter = waiters.get(name);
            if (waiter == null) {
                throw new IllegalArgumentException("the spec's operation " + operationId + " has no waiter " + name);
            }
            return waiter;
        }
    }

    /**
     * {@code x-csbs-pagination}: the answer's list ({@code items}) and each item's id ({@code item-id}); the
     * query parameters that take the last id of a page ({@code marker}) and the page size ({@code limit});
     * the answer's links, whose {@code rel: next} says there is a next page ({@code next}); the parameters
     * that apply to the first page only ({@code first-page-only}).
     */
    public record Pagination(String items, String itemId, String marker, String limit, String next,
                             List<String> firstPageOnly) {

        static Pagination of(JsonNode node) {
            return new Pagination(text(node, "items"), text(node, "item-id"), text(node, "marker"),
                    text(node, "limit"), text(node, "next"), strings(node.path("first-page-only")));
        }
    }

    /**
     * One of {@code x-csbs-waiters}: the answer's field the waiter looks at ({@code items}: each element of
     * an array, or the one object); it fails as soon as an item matches one of {@code failure}, and succeeds
     * when every item matches one of {@code success} or the operation answers {@code success-status}.
     * A match is every field (a dotted path) equal to its value; {@code {name}} in a value is the
     * caller's argument. {@code reason} is the item's field that says why it failed.
     */
    public record Waiter(String operationId, String name, String items, Optional<Integer> successStatus,
                         List<Map<String, String>> success, List<Map<String, String>> failure,
                         Optional<String> reason) {

        static Waiter of(String operationId, String name, JsonNode node) {
            JsonNode status = node.get("success-status");
            JsonNode reason = node.get("reason");
            return new Waiter(operationId, name, text(node, "items"),
                    status == null ? Optional.empty() : Optional.of(status.asInt()),
                    matchers(node.path("success")), matchers(node.path("failure")),
                    reason == null ? Optional.empty() : Optional.of(reason.asText()));
        }

        private static List<Map<String, String>> matchers(JsonNode list) {
            List<Map<String, String>> matchers = new ArrayList<>();
            for (JsonNode matcher : list) {
                Map<String, String> fields = new LinkedHashMap<>();
                matcher.properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
                matchers.add(Map.copyOf(fields));
            }
            return List.copyOf(matchers);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("the spec's extension " + node + " has no " + field);
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        return List.copyOf(values);
    }
}
