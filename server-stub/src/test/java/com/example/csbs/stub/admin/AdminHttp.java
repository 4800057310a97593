package com.example.csbs.stub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * A stub started for one test, and HTTP to it: every answer of the admin API is checked against the
 * admin API's document (undocumented fields included), and so is every request sent as valid.
 */
final class AdminHttp implements AutoCloseable {

    static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    static final String TOKEN = "csbs-demo-token";
    static final String PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
    static final String DAILY = "62171999-3df1-42f7-9513-6f9b1bea4744";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final OpenApiInteractionValidator ADMIN_CONTRACT =
            OpenApiInteractionValidator.createForInlineApiSpecification(resource("csbs/admin-openapi.yaml")).build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final StubServer stub;
    final StubControl control = new StubControl();

    AdminHttp(StubOptions options) {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(), options.withControl(control));
    }

    /** A valid admin request: the request and the answer are checked against the admin API's document. */
    HttpResponse<String> admin(String method, String path, String json) {
        HttpResponse<String> response = send(method, path, json, "application/json", null);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, URI.create(path).getRawPath());
        String query = URI.create(path).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        if (json != null) {
            request.withContentType("application/json").withBody(json);
        }
        assertValid(ADMIN_CONTRACT.validate(request.build(), validatorResponse(response)), method + " " + path);
        return response;
    }

    /** An admin request sent invalid on purpose: only the answer is checked against the document. */
    HttpResponse<String> adminRefused(String method, String path, String body, String contentType) {
        HttpResponse<String> response = send(method, path, body, contentType, null);
        String rawPath = URI.create(path).getRawPath();
        assertValid(ADMIN_CONTRACT.validateResponse(rawPath, Request.Method.valueOf(method), validatorResponse(response)),
                method + " " + path);
        return response;
    }

    /** A CSBS request with the demo project's token (or the one given). */
    HttpResponse<String> csbs(String method, String path, String json, String token) {
        return send(method, "/v1/" + PROJECT + path, json, "application/json", token);
    }

    HttpResponse<String> send(String method, String path, String body, String contentType, String token) {
        return send(method, path, body, contentType, token, null);
    }

    /** With a {@code Prefer} header, if not null. */
    HttpResponse<String> send(String method, String path, String body, String contentType, String token, String prefer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.baseUri().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The CSBS error body, as a tree. */
    static JsonNode error(String code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("error_msg", message);
    }

    static String resource(String name) {
        try (InputStream in = AdminHttp.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SimpleResponse validatorResponse(HttpResponse<String> response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        response.headers().map().forEach(builder::withHeader);
        return builder.build();
    }

    private static void assertValid(ValidationReport report, String what) {
        assertThat(report.getMessages())
                .as("%s against the admin API's document:%n%s", what, report.getMessages().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Override
    public void close() {
        stub.close();
    }
}
