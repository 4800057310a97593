package com.example.csbs.spec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
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
 * compatibility rules, made stricter where generated clients break although the wire does not.
 */
final class CompatibilityGate {

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
        ChangedOpenApi diff = OpenApiCompare.fromLocations(oldSpecLocation, newSpecLocation, null, options);

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
        String oldSpec = Path.of(oldSpecLocation).getFileName().toString();
        report.append("\n#### Verdict\n---\n\n")
                .append(breaking ? "BREAKING: clients of " + oldSpec + " must change."
                        : "Compatible: clients of " + oldSpec + " keep working.")
                .append('\n');
        return new Verdict(breaking, report.toString());
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
