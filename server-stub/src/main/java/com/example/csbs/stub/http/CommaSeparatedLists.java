package com.example.csbs.stub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Query parameters the spec declares as comma-separated lists ({@code style: form, explode: false}):
 * {@code checkpoint_items=a,b} is read as the two values JAX-RS expects ({@code checkpoint_items=a&checkpoint_items=b}),
 * and the repeated form is accepted too.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class CommaSeparatedLists implements ContainerRequestFilter {

    static final Set<String> LIST_PARAMETERS = Set.of("checkpoint_items");

    @Override
    public void filter(ContainerRequestContext request) {
        var query = request.getUriInfo().getQueryParameters(false);
        UriBuilder rewritten = null;
        for (String name : LIST_PARAMETERS) {
            List<String> values = query.get(name);
            if (values != null && values.stream().anyMatch(value -> value.contains(",") || value.contains("%2C") || value.contains("%2c"))) {
                if (rewritten == null) {
                    rewritten = request.getUriInfo().getRequestUriBuilder();
                }
                Object[] split = values.stream()
                        .flatMap(value -> Arrays.stream(value.split("(?i),|%2C", -1)))
                        .toArray();
                rewritten.replaceQueryParam(name, split);
            }
        }
        if (rewritten != null) {
            request.setRequestUri(rewritten.build());
        }
    }
}
