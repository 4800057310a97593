package com.example.csbs.stub.http;

import com.example.csbs.stub.data.BackupDataSet;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Authenticates every request to a project-scoped path by its X-Auth-Token, before the body
 * is read: no token or an unknown one is 401, a token of another project is 403.
 */
@Priority(Priorities.AUTHENTICATION)
public final class IamTokenFilter implements ContainerRequestFilter {

    public static final String TOKEN_HEADER = "X-Auth-Token";
    private static final String PROJECT_ID = "project_id";

    private final BackupDataSet dataSet;

    public IamTokenFilter(BackupDataSet dataSet) {
        this.dataSet = dataSet;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String projectId = request.getUriInfo().getPathParameters().getFirst(PROJECT_ID);
        if (projectId == null) {
            return; // not a project-scoped path (the spec document, for one)
        }
        String token = request.getHeaderString(TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            throw CsbsException.unauthenticated();
        }
        BackupDataSet.Project project = dataSet.projectByToken(token).orElseThrow(CsbsException::unauthenticated);
        if (!project.id().equals(projectId)) {
            throw CsbsException.noPermission();
        }
    }
}
