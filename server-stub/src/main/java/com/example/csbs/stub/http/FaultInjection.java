package com.example.csbs.stub.http;

import com.example.csbs.stub.container.DelayRange;
import com.example.csbs.stub.container.ResponseDelay;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Failures a client can ask for, so that teams test their error handling without touching the
 * stub: per request with {@code Prefer: status=N} (as the spec's description says), and for a
 * share of all requests with the {@code --failure-rate} option. Applies to the CSBS operations only,
 * before authentication and before the body is read.
 */
public final class FaultInjection implements DynamicFeature {

    /** The operation's documented error statuses a client may ask for. */
    public static final Set<Integer> PREFERABLE_STATUSES = Set.of(400, 401, 403, 404, 500, 503);
    /** The statuses --failure-status accepts. */
    public static final Set<Integer> FAILURE_STATUSES = Set.of(500, 503);

    /** The package of the generated CSBS interfaces. */
    static final String CSBS_API_PACKAGE = "com.example.csbs.stub.api";

    private final double failureRate;
    private final int failureStatus;

    /**
     * @param failureRate   share of requests, 0 to 1, answered with {@code failureStatus} unasked
     * @param failureStatus 500 or 503
     */
    public FaultInjection(double failureRate, int failureStatus) {
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failure rate must be between 0 and 1, was " + failureRate);
        }
        if (!FAILURE_STATUSES.contains(failureStatus)) {
            throw new IllegalArgumentException("failure status must be 500 or 503, was " + failureStatus);
        }
        this.failureRate = failureRate;
        this.failureStatus = failureStatus;
    }

    /** Only what a request asks for with Prefer. */
    public static FaultInjection onRequest() {
        return new FaultInjection(0, 503);
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        for (Class<?> api : resource.getResourceClass().getInterfaces()) {
            if (api.getPackageName().equals(CSBS_API_PACKAGE)) { // every CSBS operation, none of the admin API's
                context.register(new Filter());
                return;
            }
        }
    }

    @Priority(Priorities.AUTHENTICATION - 10)
    private final class Filter implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            checkPreferredDelay(request.getHeaders().get(Preferences.HEADER));
            OptionalInt preferred = preferredStatus(request.getHeaders().get(Preferences.HEADER));
            if (preferred.isPresent()) {
                throw fault(preferred.getAsInt());
            }
            if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) { // one per worker thread
                throw fault(failureStatus);
            }
        }
    }

    /** The {@code status} preference of the request's Prefer headers, if any; other preferences are ignored. */
    static OptionalInt preferredStatus(List<String> preferHeaders) {
        String value = Preferences.parse(preferHeaders).get("status");
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.matches("\\d{3}") || !PREFERABLE_STATUSES.contains(Integer.parseInt(value))) {
            // The value is not echoed: only what would be accepted.
            throw CsbsException.invalidParameter("Prefer: status must be one of " + sorted(PREFERABLE_STATUSES));
        }
        return OptionalInt.of(Integer.parseInt(value));
    }

    /** A {@code delay} preference the server in front of Jersey could not wait for is answered 400 here. */
    static void checkPreferredDelay(List<String> preferHeaders) {
        String value = Preferences.parse(preferHeaders).get(ResponseDelay.PREFERENCE);
        if (value != null) {
            try {
                DelayRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw CsbsException.invalidParameter("Prefer: delay must be " + DelayRange.SYNTAX);
            }
        }
    }

    private static CsbsException fault(int status) {
        return switch (status) {
            case 400 -> CsbsException.invalidParameter("requested with Prefer: status=400");
            case 401 -> CsbsException.unauthenticated();
            case 403 -> CsbsException.noPermission();
            case 404 -> CsbsException.planNotFound();
            case 500 -> CsbsException.internalError();
            case 503 -> CsbsException.serviceUnavailable();
            default -> throw new IllegalArgumentException("no fault for status " + status);
        };
    }

    private static String sorted(Set<Integer> statuses) {
        return statuses.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
