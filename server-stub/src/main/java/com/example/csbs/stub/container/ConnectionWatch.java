package com.example.csbs.stub.container;

import com.example.csbs.stub.http.CsbsErrorMapper;
import com.example.csbs.stub.http.CsbsException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps every connection within {@link ConnectionLimits}. Jetty reads request headers without
 * holding a thread and closes connections idle for the idle timeout; what it does not do is cut
 * off a request whose headers trickle in, nor refuse connections past a limit. A sweep every
 * {@link #SWEEP_MILLIS} ms closes connections that have been receiving one request's headers
 * for longer than the header timeout; a connection opened past the limit gets 503 and is closed.
 */
public final class ConnectionWatch extends Handler.Wrapper {

    /** How often the header deadlines are looked at: they are kept to within this. */
    static final long SWEEP_MILLIS = 100;

    private enum Phase { IDLE, HEADERS, IN_REQUEST }

    private static final class Watched {
        final AtomicReference<Phase> phase = new AtomicReference<>(Phase.IDLE);
        final boolean overLimit;
        volatile long bytesWhenIdle;
        volatile long headersSinceNanos;

        Watched(boolean overLimit) {
            this.overLimit = overLimit;
        }
    }

    private static final byte[] OVERLOADED = CsbsErrorMapper.jsonBody(CsbsException.serviceUnavailable());

    private final ConnectionLimits limits;
    private final Scheduler scheduler;
    private final Map<Connection, Watched> open = new ConcurrentHashMap<>();
    private final AtomicInteger openCount = new AtomicInteger();
    private final LongAdder headerTimeouts = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile boolean sweeping;

    public ConnectionWatch(ConnectionLimits limits, Scheduler scheduler, Handler next) {
        super(next);
        this.limits = limits;
        this.scheduler = scheduler;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sweeping = true;
        scheduler.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        sweeping = false;
        super.doStop();
    }

    /** To be added to the connector: it tells this of every connection opened and closed. */
    public Connection.Listener connectionListener() {
        return new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                opened(connection);
            }

            @Override
            public void onClosed(Connection connection) {
                closed(connection);
            }
        };
    }

    private void opened(Connection connection) {
        boolean overLimit = openCount.incrementAndGet() > limits.maxConnections();
        if (overLimit) {
            // It is answered as soon as it sends a request; until then it may not linger.
            connection.getEndPoint().setIdleTimeout(Math.min(1000, limits.idleTimeout().toMillis()));
        }
        open.put(connection, new Watched(overLimit));
    }

    private void closed(Connection connection) {
        open.remove(connection);
        openCount.decrementAndGet();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Connection connection = request.getConnectionMetaData().getConnection();
        Watched watched = open.get(connection);
        if (watched == null) { // not a connection of the watched connector
            return super.handle(request, response, callback);
        }
        watched.phase.set(Phase.IN_REQUEST);
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                idle(connection, watched);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                idle(connection, watched);
                super.failed(failure);
            }
        };
        if (watched.overLimit) {
            refused.increment();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(OVERLOADED), done);
            return true;
        }
        if (!super.handle(request, response, done)) {
            Response.writeError(request, response, done, HttpStatus.NOT_FOUND_404);
        }
        return true;
    }

    private static void idle(Connection connection, Watched watched) {
        watched.bytesWhenIdle = connection.getBytesIn();
        watched.phase.set(Phase.IDLE);
    }

    private void sweep() {
        if (!sweeping) {
            return;
        }
        long now = System.nanoTime();
        long headerTimeout = limits.headerTimeout().toNanos();
        open.forEach((connection, watched) -> {
            Phase phase = watched.phase.get();
            if (phase == Phase.IDLE && connection.getBytesIn() > watched.bytesWhenIdle) {
                watched.headersSinceNanos = now;
                watched.phase.compareAndSet(Phase.IDLE, Phase.HEADERS);
            } else if (phase == Phase.HEADERS && now - watched.headersSinceNanos > headerTimeout
                    && watched.phase.compareAndSet(Phase.HEADERS, Phase.IDLE)) {
                headerTimeouts.increment();
                connection.getEndPoint().close();
            }
        });
        scheduler.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Connections open now. */
    public int openConnections() {
        return openCount.get();
    }

    /** Connections closed so far because a request's headers took longer than the header timeout. */
    public long headerTimeouts() {
        return headerTimeouts.sum();
    }

    /** Requests answered 503 so far because their connection was past the limit. */
    public long refused() {
        return refused.sum();
    }
}
