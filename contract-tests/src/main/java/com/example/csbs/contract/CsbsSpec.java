package com.example.csbs.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The spec as every other module reads it, the resource {@code csbs/openapi.yaml} of the csbs-api-spec jar,
 * and what the tests and the live checker take from it: the validator and the documented examples.
 */
public final class CsbsSpec {

    public static final String RESOURCE = "csbs/openapi.yaml";
    public static final String OPERATION_PATH = "/v1/{project_id}/providers/{provider_id}/checkpoints";
    /** The fixed CSBS value of provider_id (the spec's only enum value; SpecDocumentTest checks that). */
    public static final String PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    // The validator's setting for fields a schema does not list: an error unless set to IGNORE.
    private static final String ADDITIONAL_PROPERTIES = "validation.schema.additionalProperties";
    // ... and for query parameters an operation does not have.
    private static final String UNEXPECTED_QUERY_PARAMETER = "validation.request.parameter.query.unexpected";

    private final String text;
    private final JsonNode tree;

    private CsbsSpec(String text, JsonNode tree) {
        this.text = text;
        this.tree = tree;
    }

    public static CsbsSpec fromClasspath() {
        try (InputStream in = CsbsSpec.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (it comes with csbs-api-spec)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new CsbsSpec(text, new YAMLMapper().readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static String checkpointsPath(String projectId, String providerId) {
        return "/v1/" + projectId + "/providers/" + providerId + "/checkpoints";
    }

    /** An HTTP response as the validator takes it. */
    public static SimpleResponse validatorResponse(HttpResponse<String> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(builder::withHeader);
        return builder.build();
    }

    public String text() {
        return text;
    }

    /** The spec as Swagger Parser reads it, references resolved. */
    public SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    /**
     * A validator as the spec reads: fields it does not document are allowed (a real service, or the gateway in
     * front of it, may add some, such as a request_id in error bodies), and so are query parameters an operation
     * does not have (OpenAPI does not forbid them; the stub ignores them).
     */
    public OpenApiInteractionValidator newValidator() {
        return OpenApiInteractionValidator.createForInlineApiSpecification(text)
                .withLevelResolver(LevelResolver.create()
                        .withLevel(ADDITIONAL_PROPERTIES, ValidationReport.Level.IGNORE)
                        .withLevel(UNEXPECTED_QUERY_PARAMETER, ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** A validator for which an undocumented field is an error too: the stub must send exactly the documented ones. */
    public OpenApiInteractionValidator newValidatorRejectingUndocumentedFields() {
        return OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
    }

    /** The page's example request: the {@code example} of the operation's request schema (a fresh copy). */
    public ObjectNode requestExample() {
        JsonNode schema = resolve(operation().path("requestBody").path("content").path("application/json").path("schema"));
        return objectAt(schema.path("example"), "the example of the request schema").deepCopy();
    }

    /**
     * The error_code of a named example documented under a status of the operation, e.g.
     * {@code documentedErrorCode(404, "plan_not_found")} is {@code CSBS.3000}.
     */
    public String documentedErrorCode(int status, String exampleName) {
        JsonNode example = resolve(operation().path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("examples").path(exampleName));
        JsonNode errorCode = example.path("value").path("error_code");
        if (!errorCode.isTextual()) {
            throw new IllegalStateException(RESOURCE + " documents no example " + exampleName
                    + " with an error_code under status " + status);
        }
        return errorCode.asText();
    }

    private ObjectNode operation() {
        return objectAt(tree.path("paths").path(OPERATION_PATH).path("post"), "POST " + OPERATION_PATH);
    }

    /** Follows a local {@code $ref} ("#/components/..."), which is a JSON pointer into the document. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#/") ? tree.at(ref.asText().substring(1)) : node;
    }

    private static ObjectNode objectAt(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new IllegalStateException(RESOURCE + " has no " + what);
        }
        return (ObjectNode) node;
    }
}
