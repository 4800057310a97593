package com.example.csbs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The README's documented POST (executing the policy of the page's example), as run.sh sends it: body
 * {@code bench/request.json}, token {@code csbs-demo-token}. Both sides of {@link ConsumerStartBenchmark}
 * send it with this class, through {@link HttpClient}.
 */
final class DocumentedPost {

    static final String PATH =
            "/v1/b942cc8342734d15bcb246babb1953cf/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints";

    private DocumentedPost() {
    }

    /** Sends it to the server at {@code baseUri} (no trailing slash); returns the answer's status. */
    static int send(String baseUri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + PATH))
                .header("X-Auth-Token", "csbs-demo-token")
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(resource("bench/request.json")))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A resource of the benchmarks jar, as text. */
    static String resource(String name) {
        try (InputStream in = DocumentedPost.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " in the benchmarks jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
