package com.example.csbs.stub.journal;

import com.example.csbs.stub.http.IamTokenFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Records requests in the journal, in Jersey (whatever HTTP container runs it): before anything else
 * looks at a request (the body limit, authentication, routing), its method, path, query, headers
 * and the start of its body; when its answer is ready, the status. Requests to the stub's own paths
 * (the admin API, the spec and its docs) are not recorded. Nothing is checked here: the contract's
 * verdict is worked out when the journal is read.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200) // before the body limit (RequestGuard) and the method guard
public final class JournalFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Headers whose values the journal does not keep. */
    public static final Set<String> MASKED_HEADERS = Set.of("x-auth-token", "authorization");
    public static final String MASK = "****";

    private static final Set<String> STUB_DOCUMENTS = Set.of("openapi.yaml", "docs");
    private static final String ARRIVAL = JournalFilter.class.getName();

    private final StubJournal journal;
    private final Clock clock;

    public JournalFilter(StubJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    private record Arrival(Instant at, String method, String path, String query, Map<String, List<String>> headers,
                           byte[] body, boolean bodyTruncated) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        if (IamTokenFilter.isAdminPath(path) || STUB_DOCUMENTS.contains(path)) {
            return;
        }
        byte[] body = null;
        boolean truncated = false;
        if (request.hasEntity()) {
            int limit = journal.options().bodyLimit();
            InputStream entity = request.getEntityStream();
            byte[] head;
            try {
                head = entity.readNBytes(limit + 1);
            } catch (IOException e) {
                head = new byte[0]; // the client went away; what follows fails as it would have
            }
            request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), entity));
            truncated = head.length > limit;
            body = truncated ? Arrays.copyOf(head, limit) : head;
        }
        request.setProperty(ARRIVAL, new Arrival(clock.instant(), request.getMethod(), "/" + path,
                request.getUriInfo().getRequestUri().getRawQuery(), headers(request), body, truncated));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(ARRIVAL) instanceof Arrival arrival) {
            journal.record(arrival.at(), arrival.method(), arrival.path(), arrival.query(), arrival.headers(),
                    arrival.body(), arrival.bodyTruncated(), response.getStatus());
        }
    }

    private static Map<String, List<String>> headers(ContainerRequestContext request) {
        Map<String, List<String>> headers = new TreeMap<>();
        request.getHeaders().forEach((name, values) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            List<String> kept = MASKED_HEADERS.contains(lowerCase)
                    ? values.stream().map(value -> value.isBlank() ? value : MASK).toList()
                    : List.copyOf(values);
            headers.merge(lowerCase, kept, (first, second) -> {
                List<String> both = new ArrayList<>(first);
                both.addAll(second);
                return List.copyOf(both);
            });
        });
        return Collections.unmodifiableMap(headers);
    }
}
