package com.example.csbs.contract.check;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What any answer must be: an expected status, JSON, valid against the spec, and the expected error body. */
final class Judge {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int EXCERPT_LENGTH = 160;

    private final OpenApiInteractionValidator validator;

    Judge(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /**
     * Adds what is wrong with the answer and returns its body as JSON (null when it is not JSON).
     *
     * @param requestValid the request is valid against the spec, so that it is validated too; a request wrong on
     *                     purpose is not, and its answer is validated as the answer of the operation its path names
     */
    JsonNode judge(Exchange exchange, Expected expected, boolean requestValid, List<String> problems) {
        int status = exchange.status();
        if (!expected.allows(status)) {
            problems.add("status " + status + ", expected " + expected.describe()
                    + (expected.reason() == null ? "" : " because " + expected.reason())
                    + " (body: " + excerpt(exchange.body()) + ")");
        }
        JsonNode json = parse(exchange.body());
        // 204 has no body (the tag operations answer it): judged as an empty object, its headers by the validator.
        boolean noContent = status == 204 && (exchange.body() == null || exchange.body().isEmpty());
        if (json == null && !noContent) {
            problems.add("response is not JSON (Content-Type " + exchange.contentType() + "): " + excerpt(exchange.body()));
            return null;
        }
        if (noContent) {
            json = MAPPER.createObjectNode();
        }
        Call call = exchange.call();
        ValidationReport report = requestValid
                ? validator.validate(call.forValidator(), exchange.forValidator())
                // An empty path segment: the answer is validated as the operation's all the same.
                : validator.validateResponse(call.path().replace("//", "/-/"), call.validatorMethod(), exchange.forValidator());
        List<String> aboutRequest = new ArrayList<>();
        List<String> aboutResponse = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                (message.getKey().startsWith("validation.request") ? aboutRequest : aboutResponse).add(oneLine(message.getMessage()));
            }
        }
        if (!aboutResponse.isEmpty()) {
            problems.add("response is not valid against the spec: " + aboutResponse);
        }
        if (!aboutRequest.isEmpty()) { // a defect of the checker, or options the spec does not allow
            problems.add("the request sent is not valid against the spec: " + aboutRequest);
        }
        String errorCode = expected.allows(status) ? expected.errorCode(status) : null;
        if (errorCode != null && json.path("error_code").isTextual() && !json.path("error_code").asText().equals(errorCode)) {
            problems.add("error_code is " + json.path("error_code").asText() + ", expected " + errorCode);
        }
        if (status >= 400 && json.path("error_msg").isTextual() && json.path("error_msg").asText().isBlank()) {
            problems.add("error_msg is blank");
        }
        return json;
    }

    /** The messages of the spec about a request: what makes it invalid (empty: it is valid). */
    List<String> requestErrors(Call call) {
        return validator.validateRequest(call.forValidator()).getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(message -> oneLine(message.getMessage()))
                .toList();
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "empty";
        }
        String line = oneLine(body);
        return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH) + "...";
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
