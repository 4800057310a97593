package com.example.csbs.contract.check;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.contract.CsbsSpec;
import com.example.csbs.contract.check.CheckpointsEndpoint.Exchange;
import com.example.csbs.contract.check.CheckpointsEndpoint.NoResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The documented request and the documented error cases of the operation, each sent to a running service and its
 * response checked: status, JSON body valid against the spec, and what the body must say.
 */
final class LiveChecks {

    private static final String JSON = "application/json";
    private static final int EXCERPT_LENGTH = 160;
    // A valid UUID that is not the CSBS provider: the path stays well-formed, only the value is wrong.
    private static final String OTHER_PROVIDER_ID = "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9";

    /** A request that is wrong on purpose, and the documented error it must get. */
    private record ErrorCase(String name, int status, String errorCode, String path, Map<String, String> headers,
                             String body) {
    }

    private final OpenApiInteractionValidator validator;
    private final CheckpointsEndpoint endpoint;
    private final String project;
    private final String token;
    private final String path;
    private final ObjectNode request;
    private final List<ErrorCase> errorCases;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * Reads from the spec all that the checks need, so that a spec the checker cannot use fails here, before any
     * request is sent.
     *
     * @param plan      the plan to execute, or null for the plan of the spec's example request
     * @param resources the resources to back up; if empty, the example's (no plan given) or none, which means every
     *                  resource of the plan (plan given)
     */
    LiveChecks(CsbsSpec spec, CheckpointsEndpoint endpoint, String project, String token, UUID plan, List<UUID> resources) {
        this.validator = spec.newValidator();
        this.endpoint = endpoint;
        this.project = project;
        this.token = token;
        this.path = CsbsSpec.checkpointsPath(project, CsbsSpec.PROVIDER_ID);
        this.request = spec.requestExample();
        ObjectNode checkpoint = (ObjectNode) request.path("checkpoint");
        ObjectNode parameters = (ObjectNode) checkpoint.path("parameters");
        if (plan != null) {
            checkpoint.put("plan_id", plan.toString());
            parameters.remove("resources");
        }
        if (!resources.isEmpty()) {
            ArrayNode ids = parameters.putArray("resources");
            resources.forEach(id -> ids.add(id.toString()));
        }

        String body = request.toString();
        ObjectNode unknownPlan = request.deepCopy();
        ((ObjectNode) unknownPlan.path("checkpoint")).put("plan_id", UUID.randomUUID().toString());
        this.errorCases = List.of(
                new ErrorCase("missing X-Auth-Token", 401, spec.documentedErrorCode(401, "token_invalid"),
                        path, Map.of("Content-Type", JSON, "Accept", JSON), body),
                new ErrorCase("wrong provider_id", 400, spec.documentedErrorCode(400, "provider_invalid"),
                        CsbsSpec.checkpointsPath(project, OTHER_PROVIDER_ID), headers(JSON), body),
                new ErrorCase("unknown plan", 404, spec.documentedErrorCode(404, "plan_not_found"),
                        path, headers(JSON), unknownPlan.toString()),
                new ErrorCase("malformed JSON", 400, spec.documentedErrorCode(400, "parameter_invalid"),
                        path, headers(JSON), "{\"checkpoint\": {"),
                new ErrorCase("missing checkpoint", 400, spec.documentedErrorCode(400, "parameter_invalid"),
                        path, headers(JSON), "{}"),
                new ErrorCase("wrong Content-Type", 415, spec.documentedErrorCode(415, "unsupported_media_type"),
                        path, headers("text/plain"), body));
    }

    /** Runs every check in order and reports each result as soon as it is known. */
    void run(Consumer<CheckResult> report) {
        report.accept(documentedRequest());
        errorCases.forEach(errorCase -> report.accept(errorCheck(errorCase)));
    }

    private CheckResult documentedRequest() {
        return check("documented request", "200", () -> {
            Exchange exchange = endpoint.post(path, headers(JSON), request.toString());
            List<String> problems = new ArrayList<>();
            JsonNode answer = checkResponse(exchange, 200, validator.validate(exchange.request(), exchange.forValidator()), problems);
            if (answer != null && exchange.response().statusCode() == 200) {
                problems.addAll(echoProblems(answer.path("checkpoint")));
            }
            return problems;
        });
    }

    private CheckResult errorCheck(ErrorCase errorCase) {
        return check(errorCase.name(), errorCase.status() + " " + errorCase.errorCode(), () -> {
            Exchange exchange = endpoint.post(errorCase.path(), errorCase.headers(), errorCase.body());
            List<String> problems = new ArrayList<>();
            // Only the response is validated: the request is wrong on purpose.
            JsonNode error = checkResponse(exchange, errorCase.status(),
                    validator.validateResponse(errorCase.path(), Request.Method.POST, exchange.forValidator()), problems);
            if (error != null && exchange.response().statusCode() == errorCase.status()) {
                JsonNode errorCode = error.path("error_code");
                if (errorCode.isTextual() && !errorCode.asText().equals(errorCase.errorCode())) {
                    problems.add("error_code is " + errorCode.asText() + ", expected " + errorCase.errorCode());
                }
                if (error.path("error_msg").isTextual() && error.path("error_msg").asText().isBlank()) {
                    problems.add("error_msg is blank");
                }
            }
            return problems;
        });
    }

    /**
     * Adds the problems any response can have (status, not JSON, not valid against the spec) and returns the body
     * as JSON, or null when it is not JSON.
     */
    private JsonNode checkResponse(Exchange exchange, int expectedStatus, ValidationReport report, List<String> problems) {
        int status = exchange.response().statusCode();
        String body = exchange.response().body();
        if (status != expectedStatus) {
            problems.add("status " + status + ", expected " + expectedStatus + " (body: " + excerpt(body) + ")");
        }
        JsonNode json = parse(body);
        if (json == null) {
            String contentType = exchange.response().headers().firstValue("Content-Type").orElse("none");
            problems.add("response is not JSON (Content-Type " + contentType + "): " + excerpt(body));
            return null;
        }
        List<String> aboutRequest = new ArrayList<>();
        List<String> aboutResponse = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                (message.getKey().startsWith("validation.request") ? aboutRequest : aboutResponse)
                        .add(oneLine(message.getMessage()));
            }
        }
        if (!aboutResponse.isEmpty()) {
            problems.add("response is not valid against the spec: " + aboutResponse);
        }
        if (!aboutRequest.isEmpty()) { // only with options the spec does not allow
            problems.add("the request sent is not valid against the spec: " + aboutRequest);
        }
        return json;
    }

    /** The checkpoint must be of the requested project and plan, and back up exactly the requested resources. */
    private List<String> echoProblems(JsonNode checkpoint) {
        List<String> problems = new ArrayList<>();
        expectText(checkpoint.path("project_id"), project, "checkpoint.project_id", problems);
        expectText(checkpoint.path("protection_plan").path("id"), request.path("checkpoint").path("plan_id").asText(),
                "checkpoint.protection_plan.id", problems);
        JsonNode requested = request.path("checkpoint").path("parameters").path("resources");
        JsonNode backedUp = checkpoint.path("protection_plan").path("resources");
        if (requested.isArray() && backedUp.isArray()) {
            List<String> expected = sorted(requested, JsonNode::asText);
            List<String> actual = sorted(backedUp, resource -> resource.path("id").asText());
            if (!actual.equals(expected)) {
                problems.add("checkpoint.protection_plan.resources have the ids " + actual
                        + ", expected the requested " + expected);
            }
        }
        return problems;
    }

    // Missing or mistyped fields are the validator's to report; this only compares values.
    private static void expectText(JsonNode actual, String expected, String field, List<String> problems) {
        if (actual.isTextual() && !actual.asText().equals(expected)) {
            problems.add(field + " is " + actual.asText() + ", expected " + expected);
        }
    }

    private static List<String> sorted(JsonNode array, Function<JsonNode, String> value) {
        return StreamSupport.stream(array.spliterator(), false).map(value).sorted().toList();
    }

    private Map<String, String> headers(String contentType) {
        return Map.of("X-Auth-Token", token, "Content-Type", contentType, "Accept", JSON);
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String excerpt(String body) {
        if (body.isBlank()) {
            return "empty";
        }
        String line = oneLine(body);
        return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH) + "...";
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** The body of one check: sends its request and returns what is wrong with the response. */
    private interface Probe {
        List<String> problems() throws NoResponseException, InterruptedException;
    }

    /** Runs one check; whatever goes wrong becomes its FAIL reason, never a stack trace. */
    private static CheckResult check(String name, String expected, Probe probe) {
        List<String> problems;
        try {
            problems = probe.problems();
        } catch (NoResponseException e) {
            problems = List.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems = List.of("interrupted");
        } catch (RuntimeException e) {
            problems = List.of("the check itself failed: " + CheckpointsEndpoint.describe(e));
        }
        return new CheckResult(name, expected, problems);
    }
}
