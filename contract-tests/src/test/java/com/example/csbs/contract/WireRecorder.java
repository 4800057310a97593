package com.example.csbs.contract;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
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
import java.nio.charset.StandardCharsets;

/**
 * Records, on a JAX-RS client, the last exchange as it went over the wire (headers and body bytes),
 * so that the generated client's traffic can be checked against the spec.
 */
final class WireRecorder implements ClientRequestFilter, WriterInterceptor, ClientResponseFilter {

    private SimpleRequest.Builder request;
    private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
    private SimpleResponse response;

    @Override
    public void filter(ClientRequestContext context) {
        requestBody.reset();
        request = new SimpleRequest.Builder(context.getMethod(), context.getUri().getRawPath());
        context.getStringHeaders().forEach((name, values) -> request.withHeader(name, values));
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        OutputStream wire = context.getOutputStream();
        context.setOutputStream(new FilterOutputStream(wire) {
            @Override
            public void write(int b) throws IOException {
                requestBody.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                requestBody.write(bytes, offset, length);
                out.write(bytes, offset, length);
            }
        });
        context.proceed();
    }

    @Override
    public void filter(ClientRequestContext requestContext, ClientResponseContext context) throws IOException {
        byte[] body = context.hasEntity() ? context.getEntityStream().readAllBytes() : new byte[0];
        context.setEntityStream(new ByteArrayInputStream(body));
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(context.getStatus())
                .withBody(new String(body, StandardCharsets.UTF_8));
        context.getHeaders().forEach((name, values) -> builder.withHeader(name, values));
        response = builder.build();
    }

    SimpleRequest lastRequest() {
        if (requestBody.size() > 0) {
            request.withBody(requestBody.toString(StandardCharsets.UTF_8));
        }
        return request.build();
    }

    String lastRequestBody() {
        return requestBody.toString(StandardCharsets.UTF_8);
    }

    SimpleResponse lastResponse() {
        return response;
    }
}
