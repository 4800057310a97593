package com.example.csbs.stub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the stub turns away before routing: bodies over 1 MiB, as the spec says: 413 before the body
 * is read, or as soon as a body without Content-Length grows past it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestGuard implements ContainerRequestFilter {

    public static final int MAX_BODY_BYTES = 1 << 20;

    /*
     * An over-limit body is read and discarded up to this much before the 413 goes out: a server that
     * closes the connection with request bytes unread makes the client's TCP stack reset it, and the
     * client loses the 413. Past it the connection is closed regardless (a body that large is not a test).
     */
    private static final long MAX_DISCARDED_BYTES = 16L << 20;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            if (request.getLength() <= MAX_DISCARDED_BYTES) {
                discard(request.getEntityStream());
            }
            throw CsbsException.bodyTooLarge(MAX_BODY_BYTES);
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
    }

    private static void discard(InputStream body) {
        try {
            byte[] buffer = new byte[64 * 1024];
            long left = MAX_DISCARDED_BYTES;
            for (int read; left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; ) {
                left -= read;
            }
        } catch (IOException e) {
            // The client went away; the 413 is answered all the same.
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private long remaining = MAX_BODY_BYTES;

        LimitedStream(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        private void count(int read) {
            remaining -= read;
            if (remaining < 0) {
                discard(in);
                throw CsbsException.bodyTooLarge(MAX_BODY_BYTES);
            }
        }
    }
}
