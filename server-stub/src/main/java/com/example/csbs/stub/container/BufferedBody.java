package com.example.csbs.stub.container;

import com.example.csbs.stub.http.RequestGuard;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body in full before Jersey sees it, without a thread waiting on the client:
 * Jersey reads bodies with blocking calls, so a client that declares a body and stalls would hold
 * a worker until it went away. A body not complete within the body timeout closes the connection.
 * Bodies declared larger than the stub accepts go on unread, for {@link RequestGuard}'s 413.
 */
public final class BufferedBody extends Handler.Wrapper {

    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final LongAdder timeouts = new LongAdder();

    public BufferedBody(ConnectionLimits limits, Scheduler scheduler, Handler next) {
        super(next);
        this.timeoutMillis = limits.bodyTimeout().toMillis();
        this.scheduler = scheduler;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared == 0 || declared > RequestGuard.MAX_BODY_BYTES) { // nothing to wait for, or not ours to read
            return super.handle(request, response, callback);
        }
        new Reader(request, response, callback).start();
        return true;
    }

    /** Connections closed so far because a body took longer than the body timeout. */
    public long timeouts() {
        return timeouts.sum();
    }

    /** One request's body, read as it arrives; then the request goes on with that body. */
    private final class Reader {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();
        private Scheduler.Task deadline;

        Reader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            deadline = scheduler.schedule(this::expire, timeoutMillis, TimeUnit.MILLISECONDS);
            read();
        }

        private void read() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this::read);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (finish()) {
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                // One byte past the limit is enough for RequestGuard to answer 413.
                int keep = (int) Math.min(bytes.remaining(), RequestGuard.MAX_BODY_BYTES + 1L - body.size());
                byte[] copy = new byte[keep];
                bytes.get(copy);
                body.write(copy, 0, keep);
                chunk.release();
                if (chunk.isLast() || body.size() > RequestGuard.MAX_BODY_BYTES) {
                    if (finish()) {
                        Dispatch.to(getHandler(), new WithBody(request, body.toByteArray()), response, callback);
                    }
                    return;
                }
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            deadline.cancel();
            return true;
        }

        private void expire() {
            if (finished.compareAndSet(false, true)) {
                timeouts.increment();
                // The client stalled mid-body: there is no one to answer.
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new java.util.concurrent.TimeoutException("request body not complete within "
                        + timeoutMillis + " ms"));
            }
        }
    }

    /** The request with its body already read. */
    private static final class WithBody extends Request.Wrapper {
        private final Content.Source body;

        WithBody(Request request, byte[] body) {
            super(request);
            this.body = Content.Source.from(ByteBuffer.wrap(body));
        }

        @Override
        public Content.Chunk read() {
            return body.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            body.demand(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
            body.fail(failure);
        }

        @Override
        public boolean consumeAvailable() {
            return true;
        }
    }
}
