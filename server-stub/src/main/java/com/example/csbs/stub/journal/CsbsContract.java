package com.example.csbs.stub.journal;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.stub.container.Operations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The CSBS contract ({@code csbs/openapi.yaml} of the csbs-api-spec jar) as a request validator
 * (swagger-request-validator): one per JVM, built on first use (parsing the spec takes most of a
 * second), shared by every stub, thread-safe.
 */
final class CsbsContract {

    static final String SPEC_RESOURCE = "csbs/openapi.yaml";

    // A field the schema does not list is ignored by CSBS, so it does not make a request invalid; but it
    // may be a misspelt optional field, so the journal says so (a warning).
    private static final String ADDITIONAL_PROPERTIES = "validation.request.body.schema.additionalProperties";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");

    private static final AtomicBoolean WARMING_UP = new AtomicBoolean();

    private CsbsContract() {
    }

    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
                .createForInlineApiSpecification(specText())
                .withLevelResolver(LevelResolver.create()
                        .withLevel(ADDITIONAL_PROPERTIES, ValidationReport.Level.WARN)
                        .build())
                .build();
    }

    /** Builds the validator on a background thread, once per JVM, so that the first verdict need not wait for it. */
    static void warmUpInBackground() {
        if (WARMING_UP.compareAndSet(false, true)) {
            Thread warmUp = new Thread(() -> {
                Object unused = Holder.VALIDATOR;
            }, "csbs-contract-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
    }

    /** The contract's verdict on one request. */
    static ContractVerdict verdict(String method, String path, String rawQuery, Map<String, List<String>> headers,
                                   String body, boolean bodyTruncated) {
        if (bodyTruncated) {
            return new ContractVerdict(ContractVerdict.Result.NOT_CHECKED, List.of(new ContractVerdict.Message("INFO",
                    "journal.body.truncated", "the body is longer than the journal keeps (--journal-body-limit): not checked")));
        }
        if (!METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return new ContractVerdict(ContractVerdict.Result.INVALID, List.of(new ContractVerdict.Message("ERROR",
                    "validation.request.operation.notAllowed", method + " is not a method of the contract")));
        }
        if (!Operations.csbs().hasPath(path)) { // the validator merges "//", so it would find an operation
            return new ContractVerdict(ContractVerdict.Result.INVALID, List.of(new ContractVerdict.Message("ERROR",
                    "validation.request.path.missing", method + " " + path + " matches no operation of the contract"
                            + (path.contains("//") ? " (a double slash: does the client's base path end in '/'?)" : ""))));
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        headers.forEach(request::withHeader);
        queryParameters(rawQuery).forEach(request::withQueryParam);
        if (body != null) {
            request.withBody(body);
        }
        ValidationReport report;
        try {
            report = Holder.VALIDATOR.validateRequest(request.build());
        } catch (RuntimeException e) { // the validator's own failure is not the client's
            return new ContractVerdict(ContractVerdict.Result.NOT_CHECKED, List.of(new ContractVerdict.Message("INFO",
                    "journal.validator.failed", "the validator failed: " + e)));
        }
        List<ContractVerdict.Message> messages = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.IGNORE) {
                messages.add(new ContractVerdict.Message(message.getLevel().name(), message.getKey(), where(message)
                        + message.getMessage()));
            }
        }
        return new ContractVerdict(report.hasErrors() ? ContractVerdict.Result.INVALID : ContractVerdict.Result.VALID,
                messages);
    }

    // The validator names the parameter in the message's context only: "[Query parameter 'limit'] ".
    private static String where(ValidationReport.Message message) {
        return message.getContext()
                .flatMap(ValidationReport.MessageContext::getParameter)
                .filter(parameter -> !message.getMessage().contains("'" + parameter.getName() + "'"))
                .map(parameter -> "[" + capitalized(parameter.getIn()) + " parameter '" + parameter.getName() + "'] ")
                .orElse("");
    }

    private static String capitalized(String word) {
        return word == null || word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A raw query string ({@code a=1&b=x%2Cy}) as decoded names and values, in order. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a malformed %-escape: as sent
            return encoded;
        }
    }

    private static String specText() {
        try (InputStream in = CsbsContract.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the classpath (it comes with csbs-api-spec)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
