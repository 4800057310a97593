package com.example.csbs.stub;

import com.example.csbs.stub.api.BackupApi;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The Jersey application: the operation, authentication, JSON, error mapping and the spec document. */
public final class StubApplication extends ResourceConfig {

    /**
     * @param dataSet   who may call, and the plans they can back up
     * @param operation the operation's implementation: {@link CheckpointOperation}, or a test double
     */
    public StubApplication(BackupDataSet dataSet, BackupApi operation) {
        // Resources are registered as classes and their instances bound by the injector: Jersey logs a
        // misleading warning for resource instances passed to register(Object).
        register(operation.getClass());
        register(new AbstractBinder() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
                bind(operation).to((Class) operation.getClass());
            }
        });
        register(OpenApiDocumentResource.class);
        register(ApiDocsResource.class);
        register(new IamTokenFilter(dataSet));
        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapperProvider.class);
        register(CsbsErrorMapper.class);
        register(CsbsErrorMapper.ValidationErrors.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
    }
}
