package com.example.csbs.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A CSBS for the checker to check, made from the stub: it forwards every request to the stub and may change the
 * request on the way in, the answer on the way out, or answer itself. A wrong one differs from a correct service in
 * exactly one way (its fault); a correct one differs from the stub only where the spec leaves room.
 */
final class WrongCsbs implements AutoCloseable {

    static {
        // Small answers at once: without TCP_NODELAY the JDK's server waits on the client's delayed ACK, some 40 ms
        // an answer. Read once, when the JDK's server is first used; an explicit -D setting wins.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FORWARDED_HEADERS = List.of("X-Auth-Token", "Content-Type", "Accept");

    /** A request as it came in: method, API path (decoded), query (decoded, in order), headers, body. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

        Request withBody(String otherBody) {
            return new Request(method, path, query, headers, otherBody);
        }

        Request withQuery(Map<String, String> otherQuery) {
            return new Request(method, path, otherQuery, headers, body);
        }

        boolean is(String otherMethod, String pathEnd) {
            return method.equals(otherMethod) && path.matches(".*" + pathEnd);
        }

        /** The body as JSON, or null when it is none. */
        JsonNode json() {
            return parse(body);
        }
    }

    /** An answer as it goes back to the checker. */
    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            return parse(body);
        }

        Answer withJson(JsonNode json) {
            return new Answer(status, contentType, json.toString());
        }
    }

    /** Sends a request on to the stub. */
    interface Forwarder {
        Answer forward(Request request) throws IOException, InterruptedException;
    }

    /** How the service answers a request, given the stub behind it. */
    interface Fault {
        Answer answer(Request request, Forwarder stub) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    private WrongCsbs(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Answers as the stub would, with the answer changed. */
    static WrongCsbs inFrontOf(URI stub, UnaryOperator<Answer> fault) {
        return inFrontOf(stub, (request, forwarder) -> fault.apply(forwarder.forward(request)));
    }

    static WrongCsbs inFrontOf(URI stub, Fault fault) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Several workers: a fault that stalls one answer must not stall the others (or close()).
        ExecutorService workers = Executors.newFixedThreadPool(4);
        WrongCsbs wrong = new WrongCsbs(server, workers);
        server.createContext("/", exchange -> {
            try {
                Request request = request(exchange);
                wrong.received.add(request.method() + " " + exchange.getRequestURI() + (request.body().isEmpty() ? "" : " " + request.body()));
                Answer answer = fault.answer(request, forwarded -> forward(http, stub, forwarded));
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
        server.setExecutor(workers);
        server.start();
        return wrong;
    }

    private static Request request(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        nameAndValue.length < 2 ? "" : URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                headers.put(header, value);
            }
        }
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Answer forward(HttpClient http, URI stub, Request request) throws IOException, InterruptedException {
        // Encoded as the checker encodes its calls.
        String target = new Call(request.method(), request.path(), request.query(), request.headers(), null).target();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(stub.resolve(target))
                .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(forwarded::header);
        HttpResponse<String> response = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far: method, path and query as sent, and body. */
    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
