package com.example.csbs.stub;

import com.example.csbs.stub.api.BackupApi;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;

/**
 * The Jersey application: the operation, request limits, requested faults, authentication, JSON,
 * error mapping and the spec document.
 */
public final class StubApplication extends ResourceConfig {

    /** The application with faults only on request ({@code Prefer: status=N}). */
    public StubApplication(BackupDataSet dataSet, BackupApi operation) {
        this(dataSet, operation, FaultInjection.onRequest());
    }

    /**
     * @param dataSet   who may call, and the plans they can back up
     * @param operation the operation's implementation: {@link CheckpointOperation}, or a test double
     * @param faults    the failures clients may ask for, and the rate of unasked ones
     */
    public StubApplication(BackupDataSet dataSet, BackupApi operation, FaultInjection faults) {
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
        register(ContractDocumentsResource.class);
        register(RequestGuard.class);
        register(faults);
        register(new IamTokenFilter(dataSet));
        register(JacksonFeature.withoutExceptionMappers());
        register(JsonMapperProvider.class);
        register(CsbsErrorMapper.class);
        register(CsbsErrorMapper.ValidationErrors.class);
        // Start-up time: everything the stub uses is registered above, so Jersey need not look for
        // more on the classpath, and the resource model it validates never changes.
        register(ValidationFeature.class);
        property(ServerProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        property(ServerProperties.RESOURCE_VALIDATION_DISABLE, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, false);
    }
}
