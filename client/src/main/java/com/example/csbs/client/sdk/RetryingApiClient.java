package com.example.csbs.client.sdk;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.ApiResponse;
import com.example.csbs.client.Pair;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.GenericType;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.random.RandomGenerator;

/**
 * The ApiClient the layer's generated APIs call: it sends each call through the caller's ApiClient (its
 * base path, token, headers and HTTP client as they are), retries what the spec marks idempotent, applies
 * the call's timeout, and turns every failure into a {@link CsbsException} of its status.
 */
final class RetryingApiClient extends ApiClient {

    private static final Set<Client> CLIENTS_WITH_TIMEOUT_FILTER = Collections.newSetFromMap(new WeakHashMap<>());

    private final ApiClient transport;
    private final SpecExtensions spec;
    private final Retries retries;
    private final Duration callTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    RetryingApiClient(ApiClient transport, SpecExtensions spec, Retries retries, Duration callTimeout, Clock clock,
                      Sleeper sleeper, RandomGenerator random) {
        this.transport = transport;
        this.spec = spec;
        this.retries = retries;
        this.callTimeout = callTimeout;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        setBasePath(transport.getBasePath());
    }

    @Override
    @SuppressWarnings("rawtypes")   // the generated ApiClient's signature: Map<String, GenericType>
    public <T> ApiResponse<T> invokeAPI(String operation, String path, String method, List<Pair> queryParams,
                                        Object body, Map<String, String> headerParams,
                                        Map<String, String> cookieParams, Map<String, Object> formParams,
                                        String accept, String contentType, String[] authNames,
                                        GenericType<T> returnType, boolean isBodyNullable,
                                        Map<String, GenericType> errorTypes) throws ApiException {
        // The generated APIs name the call "BackupApi.listBackups": the part after the dot is the operationId.
        String operationId = operation == null ? null : operation.substring(operation.indexOf('.') + 1);
        boolean idempotent = operationId != null && spec.operations().containsKey(operationId)
                && spec.operation(operationId).idempotent();
        applyTimeoutFilter();
        Instant deadline = clock.instant().plus(retries.totalTime());
        for (int attempt = 1; ; attempt++) {
            CsbsException failure;
            boolean worthRetrying;
            CallTimeoutFilter.set(callTimeout);
            try {
                return transport.invokeAPI(operation, path, method, queryParams, body, headerParams, cookieParams,
                        formParams, accept, contentType, authNames, returnType, isBodyNullable, errorTypes);
            } catch (ApiException answer) {
                failure = CsbsException.of(operationId, attempt, answer);
                worthRetrying = answer.getCode() == 429 || answer.getCode() >= 500;
            } catch (ProcessingException noAnswer) {
                failure = noAnswer.getCause() instanceof SocketTimeoutException
                        ? new CallTimeoutException(operationId, attempt, noAnswer.getCause())
                        : new CsbsConnectionException(operationId, attempt, noAnswer.getCause() == null ? noAnswer : noAnswer.getCause());
                worthRetrying = true;
            } finally {
                CallTimeoutFilter.clear();
            }
            if (!worthRetrying || !idempotent || attempt >= retries.maxAttempts()) {
                throw failure;
            }
            Duration backoff = max(retries.backoff(attempt, random), retryAfter(failure));
            if (clock.instant().plus(backoff).isAfter(deadline)) {
                throw failure;
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private void applyTimeoutFilter() {
        if (callTimeout == null) {
            return;
        }
        Client http = transport.getHttpClient();   // rebuilt by some ApiClient setters: checked on each call
        synchronized (CLIENTS_WITH_TIMEOUT_FILTER) {
            if (CLIENTS_WITH_TIMEOUT_FILTER.add(http)) {
                http.register(CallTimeoutFilter.INSTANCE);
            }
        }
    }

    private static Duration retryAfter(CsbsException failure) {
        List<String> values = failure.getResponseHeaders() == null ? null
                : failure.getResponseHeaders().entrySet().stream()
                        .filter(header -> "retry-after".equalsIgnoreCase(header.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
        if (values != null && !values.isEmpty() && values.get(0).strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(values.get(0).strip()));
        }
        return Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
