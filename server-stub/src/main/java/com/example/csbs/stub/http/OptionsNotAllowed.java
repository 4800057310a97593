package com.example.csbs.stub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * OPTIONS: Jersey would answer it itself, with a plain text body the spec does not describe; it gets the
 * spec's 405 instead, with the methods the path has in Allow. After matching, so that the path's resource
 * is known (an unknown path stays a 404); before authentication, as any other 405.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class OptionsNotAllowed implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        List<String> allowed = matched == null || matched.getParent() == null ? List.of()
                : matched.getParent().getResourceMethods().stream()
                        .map(ResourceMethod::getHttpMethod)
                        .filter(method -> !HttpMethod.OPTIONS.equals(method) && !HttpMethod.HEAD.equals(method))
                        .distinct()
                        .sorted()
                        .toList();
        if (allowed.isEmpty()) {
            throw new NotAllowedException(HttpMethod.GET); // not reached: every path of the stub has a method
        }
        throw new NotAllowedException(allowed.get(0), allowed.subList(1, allowed.size()).toArray(String[]::new));
    }
}
