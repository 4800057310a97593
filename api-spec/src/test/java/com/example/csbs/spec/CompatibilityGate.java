package com.example.csbs.spec;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.model.DiffContext;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Decides whether a new version of the spec breaks clients of an old one: openapi-diff's backward
 * compatibility rules, made stricter where generated clients break although the wire does not, with
 * one kind of exception, each listed in {@link #ACCEPTED_WIDENINGS} with its reason: a response field
 * whose type is widened to "the old type, or another form of the same value" on purpose.
 */
final class CompatibilityGate {

    /**
     * A response property (schema and property name) whose type a new spec may widen to an anyOf that
     * still holds the old type and format, or to a schema without a type; openapi-diff calls any type
     * change breaking.
     */
    record AcceptedWidening(String schema, String property, String reason) {
    }

    static final List<AcceptedWidening> ACCEPTED_WIDENINGS = List.of(
            new AcceptedWidening("fail_code", "Code",
                    "The pages type fail_code.Code Long; the real service sends a string of digits, which is how"
                            + " the Go SDK reads it (a number breaks its Get and List of backups). 1.3.0 accepts both."
                            + " A client generated from 1.2.0 with a strict integer type fails on the string, as it"
                            + " already did against the real service: regenerate from 1.3.0."));

    private static final ParseOptions PARSE_OPTIONS = parseOptions();

    private CompatibilityGate() {
    }

    /** The outcome: breaking or not, and a Markdown report of every change and of what broke. */
    record Verdict(boolean breaking, String report) {
    }

    /** Both specs are file paths. */
    static Verdict compare(String oldSpecLocation, String newSpecLocation) {
        OpenApiDiffOptions options = OpenApiDiffOptions.builder()
                // Generated clients name their method after the operationId.
                .configProperty("incompatible.operation.id.changed", "true")
                .build();
        OpenAPI oldApi = read(oldSpecLocation);
        OpenAPI newApi = read(newSpecLocation);
        // An accepted widening is compared as if the new spec had kept the old schema: everything else
        // must still pass openapi-diff's rules.
        List<String> accepted = new ArrayList<>();
        for (AcceptedWidening widening : ACCEPTED_WIDENINGS) {
            if (undoWidening(oldApi, newApi, widening)) {
                accepted.add("`" + widening.schema() + "." + widening.property() + "`: " + widening.reason());
            }
        }
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(oldApi, newApi, options);

        // openapi-diff lets a response lose enum values (the wire stays valid), but a client's
        // generated enum constant for the value disappears, and so does the code that handles it.
        Set<String> removedEnumValues = new LinkedHashSet<>();
        collectRemovedEnumValues(diff, removedEnumValues);

        boolean breaking = diff.isIncompatible() || !removedEnumValues.isEmpty();
        StringBuilder report = new StringBuilder(render(diff));
        if (!removedEnumValues.isEmpty()) {
            report.append("\n#### Also breaking: enum values removed\n---\n\n");
            removedEnumValues.forEach(removed -> report.append("- ").append(removed).append('\n'));
        }
        if (!accepted.isEmpty()) {
            report.append("\n#### Accepted widenings (response types that now also take another form of the value)\n---\n\n");
            accepted.forEach(entry -> report.append("- ").append(entry).append('\n'));
        }
        String oldSpec = Path.of(oldSpecLocation).getFileName().toString();
        report.append("\n#### Verdict\n---\n\n")
                .append(breaking ? "BREAKING: clients of " + oldSpec + " must change."
                        : "Compatible: clients of " + oldSpec + " keep working.")
                .append('\n');
        return new Verdict(breaking, report.toString());
    }

    private static OpenAPI read(String location) {
        OpenAPI api = new OpenAPIParser().readLocation(location, null, PARSE_OPTIONS).getOpenAPI();
        if (api == null) {
            throw new IllegalArgumentException("Cannot read the OpenAPI document " + location);
        }
        return api;
    }

    /** The parser options of openapi-diff's own fromLocations. */
    private static ParseOptions parseOptions() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return options;
    }

    /**
     * If the new spec widens the property as accepted (an anyOf, directly or through a $ref, one of
     * whose alternatives has the old type and format), puts the old property schema back into the new
     * spec and answers true.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static boolean undoWidening(OpenAPI oldApi, OpenAPI newApi, AcceptedWidening widening) {
        Schema oldProperty = property(oldApi, widening);
        Schema newProperty = property(newApi, widening);
        if (oldProperty == null || newProperty == null || oldProperty.getType() == null) {
            return false;
        }
        Schema widened = resolve(newApi, newProperty);
        List<Schema> alternatives = widened.getAnyOf();
        // Widened: an anyOf that still holds the old type and format, or no type at all (every type passes).
        boolean untyped = widened.getType() == null && alternatives == null && widened.getOneOf() == null
                && widened.getAllOf() == null && widened.getNot() == null;
        boolean anyOfWithOldType = alternatives != null && alternatives.stream().anyMatch(alternative ->
                Objects.equals(alternative.getType(), oldProperty.getType())
                        && Objects.equals(alternative.getFormat(), oldProperty.getFormat()));
        if (!untyped && !anyOfWithOldType) {
            return false;
        }
        Map<String, Schema> properties = newApi.getComponents().getSchemas().get(widening.schema()).getProperties();
        properties.put(widening.property(), oldProperty);
        return true;
    }

    @SuppressWarnings("rawtypes")
    private static Schema property(OpenAPI api, AcceptedWidening widening) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return null;
        }
        Schema schema = api.getComponents().getSchemas().get(widening.schema());
        if (schema == null || schema.getProperties() == null) {
            return null;
        }
        return (Schema) schema.getProperties().get(widening.property());
    }

    @SuppressWarnings("rawtypes")
    private static Schema resolve(OpenAPI api, Schema schema) {
        String ref = schema.get$ref();
        String prefix = "#/components/schemas/";
        if (ref != null && ref.startsWith(prefix)) {
            Schema target = api.getComponents().getSchemas().get(ref.substring(prefix.length()));
            return target == null ? schema : target;
        }
        return schema;
    }

    private static void collectRemovedEnumValues(Changed changed, Set<String> removed) {
        if (changed == null) {
            return;
        }
        if (changed instanceof ChangedEnum<?> enumeration && !enumeration.getMissing().isEmpty()) {
            removed.add(describe(enumeration.getContext()) + ": " + enumeration.getMissing());
        }
        if (changed instanceof ComposedChanged composed) {
            for (Changed element : composed.getChangedElements()) {
                collectRemovedEnumValues(element, removed);
            }
        }
    }

    private static String describe(DiffContext context) {
        if (context == null || context.getUrl() == null) {
            return "components";
        }
        String side = context.isRequest() ? "request" : context.isResponse() ? "response" : "parameters";
        return context.getMethod() + " " + context.getUrl() + " (" + side + ")";
    }

    private static String render(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The renderer closes the writer it is given.
        new MarkdownRender().render(diff, new OutputStreamWriter(out, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
