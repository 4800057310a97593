package com.example.csbs.stub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * OPTIONS on an existing path: Jersey would answer it itself, with a plain-text body the spec does
 * not describe; it gets the spec's 405 instead, with {@code Allow} naming the methods the path has
 * (from the generated interfaces). An unknown path is 404 before this runs.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class MethodGuard implements ContainerRequestFilter {

    /** Methods Jersey adds to every path, which the stub does not answer as such. */
    static final Set<String> IMPLICIT = Set.of(HttpMethod.OPTIONS, HttpMethod.HEAD);

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        Set<String> allowed = new TreeSet<>();
        UriInfo uriInfo = request.getUriInfo();
        if (uriInfo instanceof ExtendedUriInfo extended && extended.getMatchedResourceMethod() != null
                && extended.getMatchedResourceMethod().getParent() != null) {
            for (ResourceMethod method : extended.getMatchedResourceMethod().getParent().getResourceMethods()) {
                if (!IMPLICIT.contains(method.getHttpMethod())) {
                    allowed.add(method.getHttpMethod());
                }
            }
        }
        if (allowed.isEmpty()) {
            allowed.add(HttpMethod.GET);
        }
        throw new NotAllowedException(allowed.iterator().next(), allowed.stream().skip(1).toArray(String[]::new));
    }
}
