package com.example.csbs.stub.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The admin API's lock, for a stub started with an admin token: every request to a path under
 * {@code /__admin/} (any method, an unknown path too) must carry {@code Authorization: Bearer <token>}, or it
 * is answered 401 ({@link CsbsException#adminUnauthenticated()}). Before routing and before every other filter,
 * so that nothing of a refused request is parsed or applied.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 300) // before the journal (which skips admin paths) and the body limit
public final class AdminTokenFilter implements ContainerRequestFilter {

    private final AdminToken token;

    public AdminTokenFilter(AdminToken token) {
        this.token = Objects.requireNonNull(token, "admin token");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isAdminRequest(request.getUriInfo()) && !token.matches(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            throw CsbsException.adminUnauthenticated();
        }
    }

    /**
     * Whether the request is for the admin API, however its path is spelled: as sent or decoded
     * ({@code %5F%5Fadmin}), with dot segments ({@code /v1/../__admin}), repeated slashes and matrix parameters
     * ({@code __admin;x=1}) resolved.
     */
    static boolean isAdminRequest(UriInfo uri) {
        String decoded = uri.getPath(true);
        if (!decoded.contains(IamTokenFilter.ADMIN_PATH)) {
            return false; // every spelling of an admin path has it decoded: the CSBS API's requests stop here
        }
        return IamTokenFilter.isAdminPath(resolved(uri.getPath(false))) || IamTokenFilter.isAdminPath(resolved(decoded));
    }

    // The path without matrix parameters, empty and "." segments, and with each ".." taking the segment before it.
    private static String resolved(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String withParameters : path.split("/")) {
            int parameters = withParameters.indexOf(';');
            String segment = parameters < 0 ? withParameters : withParameters.substring(0, parameters);
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
