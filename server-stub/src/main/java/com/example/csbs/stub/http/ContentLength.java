package com.example.csbs.stub.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Every answer goes out whole, with {@code Content-Length}: Jersey's Jetty container does not buffer
 * responses, so without this each would be sent chunked. The stub's answers are small.
 */
public final class ContentLength implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        OutputStream out = context.getOutputStream();
        ByteArrayOutputStream entity = new ByteArrayOutputStream(512);
        context.setOutputStream(entity);
        context.proceed();
        context.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, entity.size());
        entity.writeTo(out);
        context.setOutputStream(out);
    }
}
