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
import java.util.LinkedHashMap;
import java.util.Map;
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
    // Where requests go: 127.0.0.1, whatever address the stub listens on.
    private final URI base;
    // The Authorization header of admin requests: the admin token's, or none.
    private final Map<String, String> adminCredentials;

    AdminHttp(StubOptions options) {
        this("127.0.0.1", options, null);
    }

    /**
     * A stub listening on {@code host} (0.0.0.0, say), reached on 127.0.0.1, with the admin token that {@link #admin}
     * and {@link #adminRefused} requests carry ({@code null}: none).
     */
    AdminHttp(String host, StubOptions options, String adminToken) {
        stub = StubServer.start(host, 0, BackupDataSet.embeddedDefault(),
                options.withAdminToken(adminToken).withControl(control));
        base = URI.create("http://127.0.0.1:" + stub.baseUri().getPort() + "/");
        adminCredentials = adminToken == null ? Map.of() : Map.of("Authorization", "Bearer " + adminToken);
    }

    /** A valid admin request: the request and the answer are checked against the admin API's document. */
    HttpResponse<String> admin(String method, String path, String json) {
        HttpResponse<String> response = sendWith(adminCredentials, method, path, json, "application/json");
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
        return adminAs(adminCredentials, method, path, body, contentType);
    }

    /**
     * An admin request with these headers instead of the admin token's (none, another token, ...): only the answer is
     * checked against the document.
     */
    HttpResponse<String> adminAs(Map<String, String> headers, String method, String path, String body, String contentType) {
        HttpResponse<String> response = sendWith(headers, method, path, body, contentType);
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
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("X-Auth-Token", token);
        }
        if (prefer != null) {
            headers.put("Prefer", prefer);
        }
        return sendWith(headers, method, path, body, contentType);
    }

    /** With these headers. */
    HttpResponse<String> sendWith(Map<String, String> headers, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
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
