package com.example.csbs.stub.journal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the stub received on a CSBS path, as it arrived, with the status the stub answered.
 * The contract's verdict on it is worked out when it is first asked for, not when the request
 * arrives, and then kept.
 */
public final class RecordedRequest {

    // Paths of the CSBS API, each under its project: /v1/{project_id}/...
    private static final String PROJECT_PATHS = "v1/";

    private final long id;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final boolean bodyTruncated;
    private final int status;
    private volatile ContractVerdict verdict;

    RecordedRequest(long id, Instant receivedAt, String method, String path, String query,
                    Map<String, List<String>> headers, byte[] body, boolean bodyTruncated, int status) {
        this.id = id;
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.bodyTruncated = bodyTruncated;
        this.status = status;
    }

    /** Its number: 1 for the first request the stub recorded, in the order the answers were given. */
    public long id() {
        return id;
    }

    /** When it arrived, on the stub's clock. */
    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    /** The path as sent (percent-encoded), from the stub's base: {@code /v1/{project_id}/...}. */
    public String path() {
        return path;
    }

    /**
     * The project the request was for: the {@code project_id} of a {@code /v1/{project_id}/...} path (decoded), empty
     * for any other path.
     */
    public Optional<String> projectId() {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++; // "//v1/...": a client whose base URL ends in "/"
        }
        if (!path.startsWith(PROJECT_PATHS, start)) {
            return Optional.empty();
        }
        int from = start + PROJECT_PATHS.length();
        int end = path.indexOf('/', from);
        String segment = end < 0 ? path.substring(from) : path.substring(from, end);
        try {
            return segment.isEmpty() ? Optional.empty() : Optional.of(URLDecoder.decode(segment.replace("+", "%2B"),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // a malformed escape: the segment as sent
            return Optional.of(segment);
        }
    }

    /** Whether the request was for that project ({@link #projectId()}). */
    public boolean isForProject(String projectId) {
        return projectId().filter(projectId::equals).isPresent();
    }

    /**
     * The query string as sent (percent-encoded, in the client's order), {@code null} if there was none.
     * To assert on parameters, {@link #queryParameters()} and {@link #queryParameter(String)} are decoded.
     */
    public String query() {
        return query;
    }

    /**
     * The query's parameters, decoded ({@code %2C} is {@code ,}, {@code +} a space), by name in the order
     * they were sent, each with its values in order; empty if there was no query. A name sent without
     * {@code =} has the value {@code ""}.
     */
    public Map<String, List<String>> queryParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        CsbsContract.queryParameters(query).forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(parameters);
    }

    /** The first value of a query parameter, decoded; empty if the request did not send it. */
    public Optional<String> queryParameter(String name) {
        List<String> values = CsbsContract.queryParameters(query).get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The headers by lower-case name; the values of {@code x-auth-token} and {@code authorization} are masked. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body as UTF-8 text (at most the journal's body limit), {@code null} if there was none. */
    public String body() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the body was longer than the journal keeps. */
    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    /** The status the stub answered. */
    public int status() {
        return status;
    }

    /** Whether the request is valid against the CSBS contract, with the validator's messages. */
    public ContractVerdict contract() {
        ContractVerdict known = verdict;
        if (known == null) { // two threads may both work it out: the same verdict either way
            known = CsbsContract.verdict(method, path, query, headers, body(), bodyTruncated);
            verdict = known;
        }
        return known;
    }

    /** {@code #12 POST /v1/.../checkpoints?x=y -> 400}. */
    @Override
    public String toString() {
        return "#" + id + " " + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
    }
}
