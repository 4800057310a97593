package com.example.csbs.stub.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit is answered 413 with {@code Connection: close}: sent chunked, the rest of it is not
 * read, the connection ends with the answer, and a client that reused it lost its next request.
 */
class OversizedBodyTest {

    private static final String PATH =
            "v1/b942cc8342734d15bcb246babb1953cf/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints";
    private static StubServer stub;
    private static URI checkpoints;

    @BeforeAll
    static void start() {
        stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault());
        checkpoints = stub.baseUri().resolve("/" + PATH);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void aChunkedBodyOverTheLimitEndsItsConnectionAndSaysSo() throws Exception {
        HttpClient client = HttpClient.newHttpClient(); // one connection, reused while it is open
        // Valid JSON as far as the limit, so that it is read up to there: {"checkpoint": {"name": "aaa...
        byte[] body = new byte[RequestGuard.MAX_BODY_BYTES + 100_000];
        Arrays.fill(body, (byte) 'a');
        byte[] start = "{\"checkpoint\": {\"name\": \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        for (int round = 0; round < 20; round++) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(checkpoints)
                    .header("X-Auth-Token", "csbs-demo-token").header("Content-Type", "application/json")
                    // No length known in advance: sent chunked.
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Connection")).hasValue("close");

            HttpResponse<String> next = client.send(HttpRequest.newBuilder(checkpoints)
                    .header("X-Auth-Token", "csbs-demo-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"checkpoint\": {}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(400);
        }
    }
}
