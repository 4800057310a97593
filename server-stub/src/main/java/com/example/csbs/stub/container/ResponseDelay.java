package com.example.csbs.stub.container;

import com.example.csbs.stub.http.Preferences;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Answers the CSBS operations as slowly as {@link Latency} says, or as a request asks with
 * {@code Prefer: delay=800ms} (or {@code delay=100ms..800ms}), which wins. The request waits on a
 * timer, not on a thread: thousands can wait at once. A {@code delay} Jersey cannot parse is not
 * waited for; Jersey answers it with 400.
 */
public final class ResponseDelay extends Handler.Wrapper {

    /** The {@code Prefer} preference that asks for a delay. */
    public static final String PREFERENCE = "delay";

    private final Latency latency;
    private final boolean noLatency;
    private final Scheduler scheduler;
    private final Executor workers;

    public ResponseDelay(Latency latency, Scheduler scheduler, Executor workers, Handler next) {
        super(next);
        this.latency = latency;
        this.noLatency = latency.equals(Latency.NONE);
        this.scheduler = scheduler;
        this.workers = workers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long delay = delayMillis(request);
        if (delay <= 0) {
            return super.handle(request, response, callback);
        }
        scheduler.schedule(() -> workers.execute(() -> Dispatch.to(getHandler(), request, response, callback)),
                delay, TimeUnit.MILLISECONDS);
        return true;
    }

    private long delayMillis(Request request) {
        List<String> prefer = request.getHeaders().getValuesList(Preferences.HEADER);
        if (prefer.isEmpty() && noLatency) {
            return 0; // the usual case, without matching the path
        }
        Optional<String> operation = Operations.csbs().match(request.getMethod(), request.getHttpURI().getPath());
        if (operation.isEmpty()) {
            return 0;
        }
        String asked = prefer.isEmpty() ? null : Preferences.parse(prefer).get(PREFERENCE);
        if (asked != null) {
            try {
                return DelayRange.parse(asked).nextMillis();
            } catch (IllegalArgumentException invalid) {
                return 0;
            }
        }
        return latency.of(operation.get()).nextMillis();
    }
}
