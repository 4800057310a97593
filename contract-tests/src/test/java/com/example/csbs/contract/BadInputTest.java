package com.example.csbs.contract;

import static com.example.csbs.contract.Contract.OTHER_PROJECT_TOKEN;
import static com.example.csbs.contract.Contract.PROJECT_ID;
import static com.example.csbs.contract.Contract.PROVIDER_ID;
import static com.example.csbs.contract.Contract.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.StubServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one row per case: the stub answers each with a status the spec lists and the CSBS
 * error body, valid against the spec, without a stack trace or an echo of the input, within a second.
 */
class BadInputTest {

    private static final String PATH = Contract.checkpointsPath(PROJECT_ID, PROVIDER_ID);
    private static final String PLAN = Contract.EXAMPLE_PLAN_ID;
    private static final String RESOURCE = "7a32a8b5-7977-4e24-b5da-e0eb457db75b";
    private static final String JSON = "application/json";
    /** Put into inputs where the stub might be tempted to quote them; never seen in an answer. */
    private static final String MARKER = "<script>csbs-marker</script>";
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(1);

    private static StubServer stub;
    private static HttpClient http;

    /** One request and the answer the spec documents for it ({@code errorCode} null: a 200). */
    record Case(String name, String method, String path, Map<String, String> headers, byte[] body,
                boolean chunked, int status, String errorCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startStub() throws Exception {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault());
        http = HttpClient.newBuilder().connectTimeout(ANSWERED_WITHIN).build();
        // The one-second bound is about answering bad input, not about the JVM's first request.
        send(post(Contract.documentedRequest().toString()).build());
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    static Stream<Case> badInput() {
        String otherProvider = Contract.checkpointsPath(PROJECT_ID, "d0a6d9b2-4a5d-4c29-8e11-3a4a8ad4c6e9");
        String documented = Contract.documentedRequest().toString();
        return Stream.of(
                // The body's JSON
                bad("malformed JSON", "{\"checkpoint\": {", 400, "CSBS.9001"),
                bad("empty body", "", 400, "CSBS.9001"),
                bad("JSON array instead of an object", "[" + documented + "]", 400, "CSBS.9001"),
                bad("JSON string instead of an object", "\"" + MARKER + "\"", 400, "CSBS.9001"),
                bad("JSON number instead of an object", "42", 400, "CSBS.9001"),
                bad("JSON null instead of an object", "null", 400, "CSBS.9001"),
                bad("trailing garbage after the object", documented + " " + MARKER, 400, "CSBS.9001"),
                bad("invalid UTF-8", bytes("{\"checkpoint\": {\"plan_id\": \"", new byte[] {(byte) 0xC3, (byte) 0x28},
                        "\", \"parameters\": {}}}"), 400, "CSBS.9001"),
                bad("JSON nested 100,000 levels deep",
                        "{\"checkpoint\": " + "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000) + "}", 400, "CSBS.9001"),
                bad("JSON arrays nested 100,000 levels deep", "[".repeat(100_000) + "]".repeat(100_000), 400, "CSBS.9001"),
                bad("huge number for auto_trigger", parameters("\"auto_trigger\": " + "9".repeat(5_000)), 400, "CSBS.9001"),
                bad("huge number for plan_id", "{\"checkpoint\": {\"plan_id\": 1e999999999, \"parameters\": {}}}",
                        400, "CSBS.9001"),
                // checkpoint
                bad("checkpoint missing", "{}", 400, "CSBS.9001"),
                bad("checkpoint null", "{\"checkpoint\": null}", 400, "CSBS.9001"),
                bad("checkpoint a string", "{\"checkpoint\": \"" + MARKER + "\"}", 400, "CSBS.9001"),
                // plan_id
                bad("plan_id missing", "{\"checkpoint\": {\"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id null", "{\"checkpoint\": {\"plan_id\": null, \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id empty", "{\"checkpoint\": {\"plan_id\": \"\", \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id a UUID in base64", "{\"checkpoint\": {\"plan_id\": \"YhcZmT3xQveVE2+bG+pHRA==\", \"parameters\": {}}}",
                        400, "CSBS.9001"),
                bad("plan_id a number", "{\"checkpoint\": {\"plan_id\": 7, \"parameters\": {}}}", 400, "CSBS.9001"),
                bad("plan_id not a UUID", "{\"checkpoint\": {\"plan_id\": \"" + MARKER + "\", \"parameters\": {}}}",
                        400, "CSBS.9001"),
                bad("plan_id unknown", documented.replace(PLAN, "00000000-0000-4000-8000-000000000000"), 404, "CSBS.3000"),
                bad("plan_id of another project", documented.replace(PLAN, "9f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f"),
                        404, "CSBS.3000"),
                // parameters
                bad("parameters missing", "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\"}}", 400, "CSBS.9001"),
                bad("parameters null", "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"parameters\": null}}",
                        400, "CSBS.9001"),
                bad("auto_trigger a string", parameters("\"auto_trigger\": \"false\""), 400, "CSBS.9001"),
                bad("auto_trigger a number", parameters("\"auto_trigger\": 0"), 400, "CSBS.9001"),
                bad("auto_trigger null", parameters("\"auto_trigger\": null"), 400, "CSBS.9001"),
                bad("resources null", parameters("\"resources\": null"), 400, "CSBS.9001"),
                bad("resources holding an empty string", parameters("\"resources\": [\"\"]"), 400, "CSBS.9001"),
                bad("resources not an array", parameters("\"resources\": \"" + RESOURCE + "\""), 400, "CSBS.9001"),
                bad("resources holding numbers", parameters("\"resources\": [1, 2]"), 400, "CSBS.9001"),
                bad("resources holding objects", parameters("\"resources\": [{\"id\": \"" + RESOURCE + "\"}]"),
                        400, "CSBS.9001"),
                bad("resources holding null", parameters("\"resources\": [null]"), 400, "CSBS.9001"),
                bad("resources holding a non-UUID", parameters("\"resources\": [\"" + MARKER + "\"]"), 400, "CSBS.9001"),
                bad("resources with a duplicate", parameters("\"resources\": [\"" + RESOURCE + "\", \"" + RESOURCE + "\"]"),
                        400, "CSBS.9001"),
                bad("resources empty", parameters("\"resources\": []"), 400, "CSBS.9001"),
                bad("resources with 10,000 entries", parameters("\"resources\": " + manyResourceIds(10_000)), 400, "CSBS.9001"),
                bad("resource not in the plan", documented.replace(RESOURCE, "1c960fe4-e679-421a-97cd-4f7463d2344b"),
                        400, "CSBS.9001"),
                // Unknown fields are accepted and ignored, as clients of the real service expect.
                new Case("unknown fields", "POST", PATH, headers(TOKEN, JSON),
                        utf8("{\"origin\": \"" + MARKER + "\", \"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"note\": 1,"
                                + " \"parameters\": {\"incremental\": true}}}"), false, 200, null),
                // Size
                new Case("body over 1 MiB with Content-Length", "POST", PATH, headers(TOKEN, JSON), overOneMebibyte(),
                        false, 413, "CSBS.9001"),
                new Case("body over 1 MiB, chunked", "POST", PATH, headers(TOKEN, JSON), overOneMebibyte(),
                        true, 413, "CSBS.9001"),
                // Media types
                new Case("no Content-Type", "POST", PATH, headers(TOKEN, null), utf8(documented), false, 415, "CSBS.9001"),
                new Case("Content-Type text/plain", "POST", PATH, headers(TOKEN, "text/plain"), utf8(documented),
                        false, 415, "CSBS.9001"),
                new Case("Content-Type application/xml", "POST", PATH, headers(TOKEN, "application/xml"),
                        utf8("<checkpoint/>"), false, 415, "CSBS.9001"),
                new Case("Accept text/html", "POST", PATH, with(headers(TOKEN, JSON), "Accept", "text/html"),
                        utf8(documented), false, 406, "CSBS.9001"),
                // Method and path
                new Case("GET on the path", "GET", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("PUT on the path", "PUT", PATH, headers(TOKEN, JSON), utf8(documented), false, 405, "APIGW.0101"),
                new Case("DELETE on the path", "DELETE", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("PATCH on the path", "PATCH", PATH, headers(TOKEN, JSON), utf8(documented), false, 405, "APIGW.0101"),
                new Case("OPTIONS on the path", "OPTIONS", PATH, headers(TOKEN, null), null, false, 405, "APIGW.0101"),
                new Case("unknown path", "POST", "/v1/" + PROJECT_ID + "/providers/" + PROVIDER_ID + "/checkpoint",
                        headers(TOKEN, JSON), utf8(documented), false, 404, "APIGW.0101"),
                new Case("unknown version", "POST", PATH.replace("/v1/", "/v2/"), headers(TOKEN, JSON), utf8(documented),
                        false, 404, "APIGW.0101"),
                new Case("root path", "GET", "/", headers(null, null), null, false, 404, "APIGW.0101"),
                new Case("provider other than CSBS", "POST", otherProvider, headers(TOKEN, JSON), utf8(documented),
                        false, 400, "CSBS.9001"),
                // X-Auth-Token
                new Case("no X-Auth-Token", "POST", PATH, headers(null, JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("empty X-Auth-Token", "POST", PATH, headers("", JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("blank X-Auth-Token", "POST", PATH, headers(" ", JSON), utf8(documented), false, 401, "APIGW.0301"),
                new Case("unknown X-Auth-Token", "POST", PATH, headers(MARKER, JSON), utf8(documented),
                        false, 401, "APIGW.0301"),
                new Case("X-Auth-Token of another project", "POST", PATH, headers(OTHER_PROJECT_TOKEN, JSON),
                        utf8(documented), false, 403, "CSBS.9009"),
                // Prefer: the faults a client asks for
                new Case("Prefer: status=503", "POST", PATH, with(headers(TOKEN, JSON), "Prefer", "status=503"),
                        utf8(documented), false, 503, "CSBS.9998"),
                new Case("Prefer: status=500 among other preferences", "POST", PATH,
                        with(headers(TOKEN, JSON), "Prefer", "return=minimal, status=\"500\""), utf8(documented),
                        false, 500, "CSBS.9999"),
                new Case("Prefer: status=404", "POST", PATH, with(headers(TOKEN, JSON), "Prefer", "status=404"),
                        utf8(documented), false, 404, "CSBS.3000"),
                new Case("Prefer: a status the operation does not document", "POST", PATH,
                        with(headers(TOKEN, JSON), "Prefer", "status=" + MARKER), utf8(documented), false, 400, "CSBS.9001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void answersWithADocumentedStatusAndTheCsbsErrorBody(Case input) throws Exception {
        HttpResponse<String> response = send(request(input));

        if (input.errorCode() == null) {
            assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(input.status());
            Contract.assertValid(Contract.validator().validateResponse(PATH, Request.Method.POST,
                    CsbsSpec.validatorResponse(response)));
        } else {
            Contract.assertCsbsError(response, input.status(), input.errorCode());
        }
        assertThat(response.body()).doesNotContain(MARKER).doesNotContain("<script>");
    }

    /**
     * A body refused half-read (the parser stops at depth 1,000 of 200,000) must not close the
     * connection: the client's next request on it is answered. On one raw socket, so that the
     * connection is surely the same one.
     */
    @Test
    void keepsTheConnectionAfterRefusingABodyUnread() throws Exception {
        byte[] refused = utf8("[".repeat(200_000) + "]".repeat(200_000));
        byte[] documented = utf8(Contract.documentedRequest().toString());
        try (Socket socket = new Socket(stub.baseUri().getHost(), stub.baseUri().getPort())) {
            socket.setSoTimeout((int) ANSWERED_WITHIN.toMillis());
            OutputStream out = socket.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(rawPost(refused));
            out.flush();
            assertThat(readStatusAndSkipBody(in)).isEqualTo(400);
            out.write(rawPost(documented));
            out.flush();
            assertThat(readStatusAndSkipBody(in)).as("the next request on the same connection").isEqualTo(200);
        }
    }

    private static byte[] rawPost(byte[] body) {
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + TOKEN
                + "\r\nContent-Type: " + JSON + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return bytes(head, body, "");
    }

    private static int readStatusAndSkipBody(BufferedInputStream in) throws IOException {
        String statusLine = readLine(in);
        assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
        long length = 0;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(header.substring("content-length:".length()).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private static String readLine(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("the stub closed the connection");
            }
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private static HttpRequest request(Case input) {
        HttpRequest.BodyPublisher body = input.body() == null ? HttpRequest.BodyPublishers.noBody()
                : input.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(input.body()))
                : HttpRequest.BodyPublishers.ofByteArray(input.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.baseUri().resolve(input.path().substring(1)))
                .method(input.method(), body);
        input.headers().forEach(request::header);
        return request.build();
    }

    private static HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(stub.baseUri().resolve(PATH.substring(1)))
                .header("X-Auth-Token", TOKEN)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest bounded = HttpRequest.newBuilder(request, (name, value) -> true).timeout(ANSWERED_WITHIN).build();
        try {
            return http.send(bounded, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AssertionError("not answered within " + ANSWERED_WITHIN.toMillis() + " ms", e);
        }
    }

    private static Case bad(String name, String body, int status, String errorCode) {
        return bad(name, utf8(body), status, errorCode);
    }

    private static Case bad(String name, byte[] body, int status, String errorCode) {
        return new Case(name, "POST", PATH, headers(TOKEN, JSON), body, false, status, errorCode);
    }

    private static String parameters(String fields) {
        return "{\"checkpoint\": {\"plan_id\": \"" + PLAN + "\", \"parameters\": {" + fields + "}}}";
    }

    private static Map<String, String> headers(String token, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("X-Auth-Token", token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        headers.put(name, value);
        return headers;
    }

    private static String manyResourceIds(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"" + UUID.nameUUIDFromBytes(("resource-" + i).getBytes(StandardCharsets.UTF_8)) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static byte[] overOneMebibyte() {
        return utf8(parameters("\"auto_trigger\": false, \"padding\": \"" + "x".repeat(1 << 20) + "\""));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] raw, String after) {
        List<byte[]> parts = new ArrayList<>(List.of(utf8(before), raw, utf8(after)));
        byte[] all = new byte[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
