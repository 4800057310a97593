package com.example.csbs.stub.http;

import com.example.csbs.stub.data.BackupDataSet;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.function.Supplier;

/**
 * Authenticates every request to a project-scoped path by its X-Auth-Token, before the body
 * is read: no token or an unknown one is 401, a token of another project is 403.
 */
@Priority(Priorities.AUTHENTICATION)
public final class IamTokenFilter implements ContainerRequestFilter {

    public static final String TOKEN_HEADER = "X-Auth-Token";
    private static final String PROJECT_ID = "project_id";

    /** The stub's own paths outside the CSBS API (its admin API): no X-Auth-Token, the admin token if set ({@link AdminTokenFilter}). */
    public static final String ADMIN_PATH = "__admin";

    private final Supplier<BackupDataSet> dataSet;

    /** @param dataSet the data set of the moment (the admin API may change it) */
    public IamTokenFilter(Supplier<BackupDataSet> dataSet) {
        this.dataSet = dataSet;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String projectId = request.getUriInfo().getPathParameters().getFirst(PROJECT_ID);
        if (projectId == null || isAdminPath(request.getUriInfo().getPath())) {
            return; // not a project-scoped path of the CSBS API (the spec document, the admin API)
        }
        String token = request.getHeaderString(TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            throw CsbsException.unauthenticated();
        }
        BackupDataSet.Project project = dataSet.get().projectByToken(token).orElseThrow(CsbsException::unauthenticated);
        if (!project.id().equals(projectId)) {
            throw CsbsException.noPermission();
        }
    }

    /** Whether a path (relative to the base, as {@code UriInfo.getPath()} has it) is one of the admin API's. */
    public static boolean isAdminPath(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals(ADMIN_PATH) || relative.startsWith(ADMIN_PATH + "/");
    }
}
