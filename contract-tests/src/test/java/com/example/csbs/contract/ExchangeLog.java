package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records every exchange of a JAX-RS client as it went over the wire (method, path, query parameters,
 * headers, bodies), so that all of a test's traffic can be checked against the spec afterwards. It keeps
 * every exchange, with its query string, and is safe to share between threads: what belongs to one
 * exchange travels in that request's context properties.
 */
final class ExchangeLog implements ClientRequestFilter, WriterInterceptor, ClientResponseFilter {

    private static final String BODY = ExchangeLog.class.getName() + ".body";

    /** One exchange: the request and the response as the validator takes them, and the bodies as text. */
    record Exchange(String method, URI uri, SimpleRequest request, String requestBody, SimpleResponse response,
                    int status, String responseBody) {

        JsonNode responseJson() {
            return Contract.parse(responseBody);
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + " " + responseBody;
        }
    }

    private final List<Exchange> exchanges = new ArrayList<>();
    /** Requests a test sent invalid on purpose: only their responses are checked. */
    private final Set<Exchange> invalidOnPurpose = new HashSet<>();

    @Override
    public void filter(ClientRequestContext context) {
        context.setProperty(BODY, new ByteArrayOutputStream());
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        ByteArrayOutputStream body = (ByteArrayOutputStream) context.getProperty(BODY);
        OutputStream wire = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(wire) {
            @Override
            public void write(int b) throws IOException {
                body.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                body.write(bytes, offset, length);
                out.write(bytes, offset, length);
            }
        });
        context.proceed();
    }

    @Override
    public void filter(ClientRequestContext requestContext, ClientResponseContext context) throws IOException {
        URI uri = requestContext.getUri();
        SimpleRequest.Builder request = new SimpleRequest.Builder(requestContext.getMethod(), uri.getRawPath());
        requestContext.getStringHeaders().forEach(request::withHeader);
        queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
        String requestBody = ((ByteArrayOutputStream) requestContext.getProperty(BODY)).toString(StandardCharsets.UTF_8);
        if (!requestBody.isEmpty()) {
            request.withBody(requestBody);
        }

        byte[] body = context.hasEntity() ? context.getEntityStream().readAllBytes() : new byte[0];
        context.setEntityStream(new ByteArrayInputStream(body));
        String responseBody = new String(body, StandardCharsets.UTF_8);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(context.getStatus()).withBody(responseBody);
        context.getHeaders().forEach(response::withHeader);

        Exchange exchange = new Exchange(requestContext.getMethod(), uri, request.build(), requestBody, response.build(),
                context.getStatus(), responseBody);
        synchronized (exchanges) {
            exchanges.add(exchange);
        }
    }

    List<Exchange> all() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The latest exchange (of any thread). */
    Exchange last() {
        synchronized (exchanges) {
            assertThat(exchanges).as("exchanges recorded").isNotEmpty();
            return exchanges.get(exchanges.size() - 1);
        }
    }

    /**
     * The exchange's request breaks the spec on purpose (a limit of 0, an unknown sort key): the spec must
     * say so, and from then on only the response is checked against the spec.
     */
    void requestInvalidOnPurpose(Exchange exchange) {
        ValidationReport report = Contract.validator().validateRequest(exchange.request());
        assertThat(report.hasErrors()).as("the spec refuses the request %s", exchange).isTrue();
        synchronized (exchanges) {
            invalidOnPurpose.add(exchange);
        }
    }

    /** Every exchange recorded so far is valid against the spec, undocumented fields included. */
    void assertAllValid() {
        List<String> problems = new ArrayList<>();
        Set<Exchange> responseOnly;
        synchronized (exchanges) {
            responseOnly = Set.copyOf(invalidOnPurpose);
        }
        for (Exchange exchange : all()) {
            ValidationReport report = responseOnly.contains(exchange)
                    ? Contract.validator().validateResponse(exchange.uri().getRawPath(),
                            com.atlassian.oai.validator.model.Request.Method.valueOf(exchange.method()), exchange.response())
                    : Contract.validator().validate(exchange.request(), exchange.response());
            if (report.hasErrors() || !report.getMessages().isEmpty()) {
                problems.add(exchange + "\n    " + report.getMessages().stream().map(Object::toString)
                        .collect(Collectors.joining("\n    ")));
            }
        }
        assertThat(problems).as("exchanges not valid against the spec").isEmpty();
    }

    /** A raw query string ({@code a=1&b=x%2Cy}) as decoded names and values, in order. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
