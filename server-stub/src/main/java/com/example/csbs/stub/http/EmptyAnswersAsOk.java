package com.example.csbs.stub.http;

import com.example.csbs.stub.api.TagApi;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;

/**
 * CSBS answers 200 to every operation, those without a response body too ("Deleting a Backup Policy"),
 * and the Go SDK accepts nothing else (tag management excepted: its pages answer 204); JAX-RS answers a generated method that returns nothing with 204.
 * Applies to the CSBS operations only: the admin API documents its 204s.
 */
public final class EmptyAnswersAsOk implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceMethod() != null && resource.getResourceMethod().getReturnType() == void.class
                && isCsbsOperation(resource.getResourceClass())) {
            context.register(new Filter());
        }
    }

    // The tag pages document 204 No Content for their POSTs and DELETEs, and the Go SDK's tag calls accept it:
    // their answers stay 204.
    private static boolean isCsbsOperation(Class<?> implementation) {
        if (TagApi.class.isAssignableFrom(implementation)) {
            return false;
        }
        for (Class<?> api : implementation.getInterfaces()) {
            if (api.getPackageName().equals(FaultInjection.CSBS_API_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private static final class Filter implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (response.getStatus() == Response.Status.NO_CONTENT.getStatusCode()) {
                response.setStatus(Response.Status.OK.getStatusCode());
            }
        }
    }
}
