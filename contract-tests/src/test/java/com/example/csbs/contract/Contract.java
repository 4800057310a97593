package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The documented facts the tests check against: the page's examples, the spec, the demo data set. */
final class Contract {

    static final String PROJECT_ID = "b942cc8342734d15bcb246babb1953cf";
    static final String PROVIDER_ID = CsbsSpec.PROVIDER_ID;
    static final String TOKEN = "csbs-demo-token";
    static final String OTHER_PROJECT_TOKEN = "csbs-other-project-token";
    static final String EXAMPLE_PLAN_ID = "62171999-3df1-42f7-9513-6f9b1bea4744";
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final String CREATED_AT_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    static final ObjectMapper JSON = new ObjectMapper();

    static final CsbsSpec SPEC = CsbsSpec.fromClasspath();

    private static final OpenApiInteractionValidator VALIDATOR = SPEC.newValidatorRejectingUndocumentedFields();

    private Contract() {
    }

    /** The page's example request, as written on the page. */
    static ObjectNode documentedRequest() {
        return (ObjectNode) readJson("/documented/example-request.json");
    }

    /** The page's example response, with the inner quotes of extra_info escaped (as the spec says). */
    static ObjectNode documentedResponse() {
        return (ObjectNode) readJson("/documented/example-response.json");
    }

    static String checkpointsPath(String projectId, String providerId) {
        return CsbsSpec.checkpointsPath(projectId, providerId);
    }

    /** The spec as Swagger Parser reads it, references resolved. */
    static SwaggerParseResult parseSpec() {
        return SPEC.parse();
    }

    /** The spec as Swagger Parser reads it, which must be without any message (error or warning). */
    static OpenAPI parsedSpecWithoutMessages() {
        SwaggerParseResult result = parseSpec();
        assertThat(result.getMessages()).as("Swagger Parser messages").isEmpty();
        return result.getOpenAPI();
    }

    /** An operation's responses by status, each {@code $ref} resolved. */
    static java.util.Map<String, io.swagger.v3.oas.models.responses.ApiResponse> responses(OpenAPI spec,
                                                                                          io.swagger.v3.oas.models.Operation operation) {
        java.util.Map<String, io.swagger.v3.oas.models.responses.ApiResponse> resolved = new java.util.LinkedHashMap<>();
        operation.getResponses().forEach((status, response) -> resolved.put(status, response.get$ref() == null
                ? response : spec.getComponents().getResponses().get(simpleName(response.get$ref()))));
        return resolved;
    }

    /** The examples of a media type, each {@code $ref} resolved, as JSON. */
    static List<JsonNode> examplesOf(OpenAPI spec, io.swagger.v3.oas.models.media.MediaType json) {
        List<JsonNode> examples = new ArrayList<>();
        json.getExamples().values().forEach(example -> {
            io.swagger.v3.oas.models.examples.Example resolved = example.get$ref() == null ? example
                    : spec.getComponents().getExamples().get(simpleName(example.get$ref()));
            examples.add(io.swagger.v3.core.util.Json.mapper().valueToTree(resolved.getValue()));
        });
        return examples;
    }

    /** A property of a component schema; it must exist. */
    static Schema<?> property(OpenAPI spec, String schema, String name) {
        Schema<?> property = (Schema<?>) spec.getComponents().getSchemas().get(schema).getProperties().get(name);
        assertThat(property).as(schema + "." + name).isNotNull();
        return property;
    }

    /** The enum of a property of a component schema, or null. */
    static List<Object> enumOf(OpenAPI spec, String schema, String name) {
        List<?> values = property(spec, schema, name).getEnum();
        return values == null ? null : new ArrayList<>(values);
    }

    /** Whitespace as rendered: runs of spaces and line breaks are one space. */
    static String normalize(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /** The schema a {@code $ref} names in the spec's components, or the schema itself. */
    static Schema<?> resolve(OpenAPI spec, Schema<?> schema) {
        return schema.get$ref() == null ? schema : spec.getComponents().getSchemas().get(simpleName(schema.get$ref()));
    }

    /** The parameter a {@code $ref} names in the spec's components, or the parameter itself. */
    static Parameter resolve(OpenAPI spec, Parameter parameter) {
        return parameter.get$ref() == null ? parameter
                : spec.getComponents().getParameters().get(simpleName(parameter.get$ref()));
    }

    /** The last segment of a {@code $ref}: the component's name. */
    static String simpleName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    static String specText() {
        return SPEC.text();
    }

    static OpenApiInteractionValidator validator() {
        return VALIDATOR;
    }

    static void assertValid(ValidationReport report) {
        assertThat(report.getMessages())
                .as("spec validation messages:%n%s", report.getMessages().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    /** Sends a request to the stub; a transport failure fails the test. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request to the stub failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The stub's answer to a bad request: that status, the CSBS error body with that code and nothing
     * else, valid against the spec's response for that status, no stack trace.
     */
    static void assertCsbsError(HttpResponse<String> response, int status, String errorCode) {
        assertCsbsError(response, status, errorCode, checkpointsPath(PROJECT_ID, PROVIDER_ID), Request.Method.POST);
    }

    /** As {@link #assertCsbsError(HttpResponse, int, String)}, the body valid against that operation's responses. */
    static void assertCsbsError(HttpResponse<String> response, int status, String errorCode, String path, Request.Method method) {
        assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = parse(response.body());
        assertThat(fieldNames(error)).containsExactlyInAnyOrder("error_code", "error_msg");
        assertThat(error.get("error_code").asText()).isEqualTo(errorCode);
        assertThat(error.get("error_msg").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        // Whatever the request's method, the body must be what the operation documents for that status.
        assertValid(VALIDATOR.validateResponse(path, method, CsbsSpec.validatorResponse(response)));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode readJson(String resource) {
        try {
            return JSON.readTree(readBytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML document (the spec as written, references unresolved) as a JSON tree. */
    static JsonNode readYaml(String yaml) {
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static byte[] readBytes(String resource) {
        try (InputStream in = Contract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
