package com.example.csbs.contract.check;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.example.csbs.contract.CsbsSpec;
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
import java.util.Map;

/** Sends POST requests to API paths under a base URL and keeps each exchange in the validator's terms. */
final class CheckpointsEndpoint {

    /** One request and its response, as sent and received. */
    record Exchange(SimpleRequest request, HttpResponse<String> response) {

        SimpleResponse forValidator() {
            return CsbsSpec.validatorResponse(response);
        }
    }

    /** No HTTP response at all; the message says why, for a FAIL line. */
    static final class NoResponseException extends Exception {
        NoResponseException(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    CheckpointsEndpoint(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                // HTTP/1.1 everywhere: no h2c upgrade attempt on plain http, which some gateways refuse.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** POSTs the body to apiPath (e.g. /v1/...), which is appended to the base URL, with exactly these headers. */
    Exchange post(String apiPath, Map<String, String> headers, String body) throws NoResponseException, InterruptedException {
        URI uri = URI.create(baseUrl + apiPath);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        SimpleRequest.Builder recorded = SimpleRequest.Builder.post(apiPath).withBody(body);
        headers.forEach((name, value) -> {
            request.header(name, value);
            recorded.withHeader(name, value);
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Exchange(recorded.build(), response);
        } catch (IOException e) {
            throw new NoResponseException(reason(e, uri));
        }
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
