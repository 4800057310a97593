package com.example.csbs.stub.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.data.BackupDataSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that open a connection and stall (part of a request line, of the headers, of a declared
 * body, or idle between requests) neither delay anyone else nor stay connected past their timeout;
 * past the connection limit the stub answers 503 and closes.
 */
class StalledClientsTest {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String CHECKPOINTS = "/v1/" + PROJECT + "/providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/checkpoints";
    private static final String POLICIES = "/v1/" + PROJECT + "/policies";
    private static final int PER_KIND = 100;
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(2500);
    private static final Duration BODY_TIMEOUT = Duration.ofMillis(2500);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(3500);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a stalled client sends before it stops. */
    private enum Stall {
        REQUEST_LINE("POST " + CHECKPOINTS),
        HEADERS("POST " + CHECKPOINTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: csbs-demo-token\r\n"),
        BODY("POST " + CHECKPOINTS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: csbs-demo-token\r\n"
                + "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"checkpoint\": {"),
        /** A whole request, answered; then nothing on the kept-alive connection. */
        KEEP_ALIVE("GET " + POLICIES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: csbs-demo-token\r\n\r\n");

        final String sent;

        Stall(String sent) {
            this.sent = sent;
        }
    }

    private record Stalled(Stall kind, Socket socket, long sinceNanos) {
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void stalledClientsDelayNobodyAndAreCutOffAfterTheirTimeouts() throws Exception {
        ConnectionLimits limits = ConnectionLimits.defaults()
                .withHeaderTimeout(HEADER_TIMEOUT).withBodyTimeout(BODY_TIMEOUT).withIdleTimeout(IDLE_TIMEOUT);
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(),
                StubOptions.defaults().withConnections(limits))) {
            List<Stalled> stalled = new ArrayList<>();
            for (Stall kind : Stall.values()) {
                for (int i = 0; i < PER_KIND; i++) {
                    stalled.add(stall(stub.baseUri(), kind));
                }
            }
            for (Stalled client : stalled) {
                if (client.kind == Stall.KEEP_ALIVE) {
                    assertThat(readResponseHead(client.socket)).startsWith("HTTP/1.1 200");
                }
            }

            // Ordinary clients, one request after another: all answered while every stalled client
            // still holds its connection (none has reached its timeout yet).
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(stub.baseUri().resolve(CHECKPOINTS))
                        .header("X-Auth-Token", "csbs-demo-token")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"checkpoint\": {\"plan_id\":"
                                + " \"62171999-3df1-42f7-9513-6f9b1bea4744\", \"parameters\": {}}}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(created.body()).at("/checkpoint/project_id").asText()).isEqualTo(PROJECT);
            }
            assertThat(stub.timedOutRequests()).as("stalled requests cut off before the ordinary ones were answered").isZero();
            assertThat(stub.openConnections()).isGreaterThanOrEqualTo(stalled.size());

            // Then each stalled connection is closed by the stub, no sooner than its timeout.
            for (Stalled client : stalled) {
                Duration timeout = switch (client.kind) {
                    case REQUEST_LINE, HEADERS -> HEADER_TIMEOUT;
                    case BODY -> BODY_TIMEOUT;
                    case KEEP_ALIVE -> IDLE_TIMEOUT;
                };
                long closedAfterMillis = waitForClose(client);
                assertThat(closedAfterMillis).as(client.kind + " closed after its timeout")
                        .isGreaterThanOrEqualTo(timeout.toMillis() - 50);
            }
            assertThat(stub.timedOutRequests()).isEqualTo(3L * PER_KIND);
            // The stub counts a connection closed once Jetty has finished with it, just after the client saw it close.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (stub.openConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stub.openConnections()).as("open connections once the stalled clients are gone: at most the"
                    + " ordinary client's kept-alive one").isLessThanOrEqualTo(1);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void connectionsPastTheLimitAreAnswered503AndClosed() throws Exception {
        int limit = 20;
        try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(),
                StubOptions.defaults().withConnections(ConnectionLimits.defaults().withMaxConnections(limit)))) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < limit; i++) {
                held.add(stall(stub.baseUri(), Stall.KEEP_ALIVE).socket);
                assertThat(readResponseHead(held.get(i))).startsWith("HTTP/1.1 200");
            }
            try (Socket over = new Socket(stub.baseUri().getHost(), stub.baseUri().getPort())) {
                over.setSoTimeout(10_000);
                send(over, Stall.KEEP_ALIVE.sent);
                String response = new String(over.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 503");
                assertThat(response.lines().map(String::toLowerCase)).contains("connection: close", "content-type: application/json");
                String body = response.substring(response.indexOf("\r\n\r\n") + 4);
                assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(
                        "{\"error_code\": \"CSBS.9998\", \"error_msg\": \"System not support\"}"));
            }
            assertThat(stub.refusedRequests()).isEqualTo(1);
            for (Socket socket : held) {
                socket.close();
            }
            // Once the held connections are gone, a new one is served again.
            HttpResponse<String> policies = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stub.baseUri().resolve(POLICIES))
                    .header("X-Auth-Token", "csbs-demo-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(policies.statusCode()).isEqualTo(200);
        }
    }

    private static Stalled stall(URI base, Stall kind) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        send(socket, kind.sent);
        return new Stalled(kind, socket, System.nanoTime());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response's head and its Content-Length body, leaving the connection open. */
    private static String readResponseHead(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed before the response head ended: " + head);
            }
            head.append((char) next);
        }
        Map<String, String> headers = new java.util.HashMap<>();
        head.toString().lines().skip(1).filter(line -> line.contains(":")).forEach(line ->
                headers.put(line.substring(0, line.indexOf(':')).trim().toLowerCase(), line.substring(line.indexOf(':') + 1).trim()));
        if (headers.containsKey("content-length")) {
            in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            readChunks(in);
        }
        return head.toString();
    }

    private static void readChunks(InputStream in) throws IOException {
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int next; (next = in.read()) != '\n'; ) {
                if (next < 0) {
                    throw new IOException("closed inside a chunked body");
                }
                size.append((char) next);
            }
            int length = Integer.parseInt(size.toString().trim(), 16);
            in.readNBytes(length + 2);
            if (length == 0) {
                return;
            }
        }
    }

    /** Milliseconds from the stall until the stub closed the connection (end of stream or reset). */
    private static long waitForClose(Stalled client) throws IOException {
        client.socket.setSoTimeout(30_000);
        try (Socket socket = client.socket) {
            while (socket.getInputStream().read() >= 0) {
                // nothing is expected before the end of the stream; a timeout answer would be read here
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(client.kind + " connection still open 30 s after its stall", e);
        } catch (IOException reset) {
            // closed with unread bytes: a reset is a close too
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - client.sinceNanos);
    }
}
