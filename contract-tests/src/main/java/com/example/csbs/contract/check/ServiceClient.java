package com.example.csbs.contract.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The service under check: sends calls to API paths under its base URL, with the token, at most at the rate
 * allowed, and never a call the guard refuses (a run without --lifecycle must not change what the service holds).
 */
final class ServiceClient {

    static final String JSON = "application/json";

    /** No HTTP response at all; the message says why. */
    static final class NoResponseException extends Exception {
        NoResponseException(String message) {
            super(message);
        }
    }

    /** A call the checker must not send (a defect of the checker, reported as such). */
    static final class RefusedCallException extends RuntimeException {
        RefusedCallException(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final RateLimiter rate;
    private final HttpClient http;
    private volatile Function<Call, String> guard = call -> null;
    // A second project's token (--other-token), for the isolation checks; masked like the run's own.
    private volatile String otherToken;
    private int sent;

    ServiceClient(URI baseUrl, String token, Duration timeout, RateLimiter rate) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.token = token;
        this.timeout = timeout;
        this.rate = rate;
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 everywhere: no h2c upgrade attempt on plain http, which some gateways refuse.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** From now on, a call for which the guard names a reason is not sent. */
    void guard(Function<Call, String> refusal) {
        this.guard = refusal;
    }

    Call get(String path, Map<String, String> query) {
        return new Call("GET", path, query, headers(null), null);
    }

    Call post(String path, String body) {
        return new Call("POST", path, Map.of(), headers(JSON), body);
    }

    Call put(String path, String body) {
        return new Call("PUT", path, Map.of(), headers(JSON), body);
    }

    Call delete(String path, Map<String, String> query) {
        return new Call("DELETE", path, query, headers(null), null);
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Call.TOKEN_HEADER, token);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Accept", JSON);
        return headers;
    }

    Exchange send(Call call) throws NoResponseException, InterruptedException {
        String refusal = guard.apply(call);
        if (refusal != null) {
            throw new RefusedCallException("not sent, " + refusal + ": " + call.method() + " " + call.target());
        }
        URI uri = URI.create(baseUrl + call.target());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        call.headers().forEach(request::header);
        rate.acquire();
        synchronized (this) {
            sent++;
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Exchange(call, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new NoResponseException(reason(e, uri));
        }
    }

    /** The call as a curl command line, the tokens masked. */
    String curl(Call call) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(token, "CSBS_TOKEN");
        if (otherToken != null) {
            variables.putIfAbsent(otherToken, "CSBS_OTHER_TOKEN");
        }
        return call.curl(baseUrl, variables);
    }

    /** The tokens, where an answer happens to carry one, masked as in {@link #curl}. */
    String masked(String text) {
        String masked = token.length() < 6 || text == null ? text : text.replace(token, "$CSBS_TOKEN");
        return otherToken == null || otherToken.length() < 6 || masked == null ? masked : masked.replace(otherToken, "$CSBS_OTHER_TOKEN");
    }

    /** The second project's token, which {@link #asOtherProject} sends. */
    void otherToken(String other) {
        this.otherToken = other;
    }

    /** The call with the second project's token instead of the run's. */
    Call asOtherProject(Call call) {
        if (otherToken == null) {
            throw new IllegalStateException("no --other-token");
        }
        return call.withHeader(Call.TOKEN_HEADER, otherToken);
    }

    String baseUrl() {
        return baseUrl;
    }

    synchronized int requestsSent() {
        return sent;
    }

    private String reason(IOException e, URI uri) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + uri.getAuthority() + " within " + timeout.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no response within " + timeout.toSeconds() + " s";
        }
        Throwable root = rootCause(e);
        if (root instanceof UnresolvedAddressException) {
            return "unknown host " + uri.getHost();
        }
        if (e instanceof ConnectException) {
            // The JDK reports a refused (or at once dropped) connection as a bare ClosedChannelException.
            return "cannot connect to " + uri.getAuthority() + ": "
                    + (root instanceof ClosedChannelException ? "connection refused or closed" : describe(root));
        }
        return "no response: " + describe(root);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Type and message; the type alone when there is no message (the JDK's network exceptions often have none). */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }
}
