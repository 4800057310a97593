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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec as every other module reads it, the resource {@code csbs/openapi.yaml} of the csbs-api-spec jar,
 * and what the tests and the live checker take from it: the validator and the documented examples.
 */
public final class CsbsSpec {

    public static final String RESOURCE = "csbs/openapi.yaml";
    public static final String OPERATION_PATH = "/v1/{project_id}/providers/{provider_id}/checkpoints";
    public static final String EXECUTE = "executeBackupPolicy";
    /** The fixed CSBS value of provider_id (the spec's only enum value; SpecDocumentTest checks that). */
    public static final String PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    // The validator's setting for fields a schema does not list: an error unless set to IGNORE.
    private static final String ADDITIONAL_PROPERTIES = "validation.schema.additionalProperties";
    // ... and for query parameters an operation does not have.
    private static final String UNEXPECTED_QUERY_PARAMETER = "validation.request.parameter.query.unexpected";

    // An example request in an operation's description: `GET https://{endpoint}/v1/{project_id}/...`.
    private static final Pattern EXAMPLE_REQUEST = Pattern.compile("`(GET|POST|DELETE) https://\\{endpoint}(/[^`\\s]+)`");

    /** An operation of the spec: where it is and what it is called. */
    public record Operation(String operationId, String method, String path) {
    }

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
     * The page's example request of an operation with a body: the {@code example} of its request schema, or of the
     * named property of that schema (a fresh copy, wrapped in that property).
     */
    public ObjectNode requestExample(String operationId, String property) {
        JsonNode schema = resolve(operation(operationId).path("requestBody").path("content").path("application/json").path("schema"));
        if (property == null) {
            return objectAt(schema.path("example"), "example of the request schema of " + operationId).deepCopy();
        }
        JsonNode example = schema.path("properties").path(property).path("example");
        if (example.isMissingNode()) {
            throw new IllegalStateException(RESOURCE + " has no example of " + property + " in the request of " + operationId);
        }
        ObjectNode wrapped = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        wrapped.set(property, example.deepCopy());
        return wrapped;
    }

    /**
     * The error_code of a named example documented under a status of "Executing a Backup Policy", e.g.
     * {@code documentedErrorCode(404, "plan_not_found")} is {@code CSBS.3000}.
     */
    public String documentedErrorCode(int status, String exampleName) {
        return documentedErrorCode(EXECUTE, status, exampleName);
    }

    /** The error_code of a named example documented under a status of the operation (shared responses included). */
    public String documentedErrorCode(String operationId, int status, String exampleName) {
        JsonNode example = resolve(resolve(operation(operationId).path("responses").path(Integer.toString(status)))
                .path("content").path("application/json").path("examples").path(exampleName));
        JsonNode errorCode = example.path("value").path("error_code");
        if (!errorCode.isTextual()) {
            throw new IllegalStateException(RESOURCE + " documents no example " + exampleName
                    + " with an error_code under status " + status + " of " + operationId);
        }
        return errorCode.asText();
    }

    /** The statuses the operation documents. */
    public TreeSet<Integer> documentedStatuses(String operationId) {
        TreeSet<Integer> statuses = new TreeSet<>();
        operation(operationId).path("responses").fieldNames().forEachRemaining(status -> statuses.add(Integer.parseInt(status)));
        return statuses;
    }

    /** Every operation, in the order of the document. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        tree.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getValue().has("operationId")) {
                operations.add(new Operation(method.getValue().get("operationId").asText(),
                        method.getKey().toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return operations;
    }

    public Operation operationById(String operationId) {
        return operations().stream().filter(operation -> operation.operationId().equals(operationId)).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no operation " + operationId));
    }

    /**
     * The example requests of the page that the operation's description quotes, as {@code METHOD /v1/...} with the
     * page's placeholders ({@code {project_id}}) and query string as written.
     */
    public List<String> exampleRequests(String operationId) {
        List<String> examples = new ArrayList<>();
        Matcher example = EXAMPLE_REQUEST.matcher(operation(operationId).path("description").asText());
        while (example.find()) {
            examples.add(example.group(1) + " " + example.group(2));
        }
        return examples;
    }

    private ObjectNode operation(String operationId) {
        Operation operation = operationById(operationId);
        return objectAt(tree.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT)),
                operation.method() + " " + operation.path());
    }

    private ObjectNode operation() {
        return operation(EXECUTE);
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
