package com.example.csbs.contract.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A deliberately wrong CSBS for the checker to catch: it forwards every request to the stub and spoils the stub's
 * answer with one fault, so that everything else stays right.
 */
final class WrongCsbs implements AutoCloseable {

    /** An answer as it goes back to the checker. */
    record Answer(int status, String contentType, String body) {
    }

    private static final List<String> FORWARDED_HEADERS = List.of("X-Auth-Token", "Content-Type", "Accept");

    private final HttpServer server;
    private final ExecutorService workers;

    private WrongCsbs(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    static WrongCsbs inFrontOf(URI stub, UnaryOperator<Answer> fault) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try {
                Answer answer = fault.apply(forward(http, stub, exchange));
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                if (answer.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                }
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        // Several workers: a fault that stalls one answer must not stall the others (or close()).
        ExecutorService workers = Executors.newFixedThreadPool(4);
        server.setExecutor(workers);
        server.start();
        return new WrongCsbs(server, workers);
    }

    private static Answer forward(HttpClient http, URI stub, HttpExchange exchange) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stub.resolve(exchange.getRequestURI().getRawPath().substring(1)))
                .method(exchange.getRequestMethod(),
                        HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
