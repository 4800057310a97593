package com.example.csbs.stub;

import com.example.csbs.stub.admin.AdminDocumentResource;
import com.example.csbs.stub.admin.JournalResource;
import com.example.csbs.stub.admin.SetupResource;
import com.example.csbs.stub.admin.StubControl;
import com.example.csbs.stub.admin.StubSetup;
import com.example.csbs.stub.api.BackupApi;
import com.example.csbs.stub.api.PolicyApi;
import com.example.csbs.stub.backup.BackupResource;
import com.example.csbs.stub.backup.BackupStore;
import com.example.csbs.stub.backup.QuotaResource;
import com.example.csbs.stub.backup.ResourceResource;
import com.example.csbs.stub.backup.RestoreResource;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.data.CurrentDataSet;
import com.example.csbs.stub.policy.PolicyResource;
import com.example.csbs.stub.http.AdminTokenFilter;
import com.example.csbs.stub.http.CommaSeparatedLists;
import com.example.csbs.stub.http.ContentLength;
import com.example.csbs.stub.http.ContractDocumentsResource;
import com.example.csbs.stub.http.CsbsErrorMapper;
import com.example.csbs.stub.http.EmptyAnswersAsOk;
import com.example.csbs.stub.http.FaultInjection;
import com.example.csbs.stub.http.IamTokenFilter;
import com.example.csbs.stub.http.JsonMapperProvider;
import com.example.csbs.stub.http.MethodGuard;
import com.example.csbs.stub.http.RequestGuard;
import com.example.csbs.stub.http.StrictParameters;
import com.example.csbs.stub.journal.JournalFilter;
import com.example.csbs.stub.journal.StubJournal;
import com.example.csbs.stub.policy.PolicyStore;
import com.example.csbs.stub.tag.TagResource;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.validation.ValidationFeature;

/**
 * The Jersey application: one implementation per generated API interface (backups, policies, resources,
 * restores, quotas, tags; the
 * admin API's journal, setup and document), request limits, requested faults, authentication, JSON,
 * error mapping, the spec document and the request journal.
 */
public final class StubApplication extends ResourceConfig {

    /** The stub on the data set, as the options say. */
    public StubApplication(BackupDataSet dataSet, StubOptions options) {
        // Jersey creates the two resources (one instance each) from what is bound here, and injects their
        // request context (the Prefer header).
        CurrentDataSet current = new CurrentDataSet(dataSet);
        BackupStore store = new BackupStore(options.maxCheckpoints(), options.clock(), options.lifecycle());
        PolicyStore policies = new PolicyStore(current, options.maxPolicies());
        register(BackupResource.class);
        register(PolicyResource.class);
        register(ResourceResource.class);
        register(RestoreResource.class);
        register(QuotaResource.class);
        register(TagResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(current).to(CurrentDataSet.class);
                bind(store).to(BackupStore.class);
                bind(policies).to(PolicyStore.class);
                bind(options).to(StubOptions.class);
            }
        });
        registerCommon(current, options.faults());
        registerAdmin(current, store, options);
    }

    /**
     * The admin API (outside the CSBS API): the request journal, recorded by a filter unless it is off, and the
     * run-time setup, behind the admin token if there is one; both handed to the options' control, if any, for
     * tests in the same JVM.
     */
    private void registerAdmin(CurrentDataSet dataSet, BackupStore store, StubOptions options) {
        StubJournal journal = new StubJournal(options.journal());
        StubSetup setup = new StubSetup(dataSet, store);
        if (options.adminToken() != null) {
            register(new AdminTokenFilter(options.adminToken()));
        }
        if (journal.enabled()) {
            register(new JournalFilter(journal, options.clock()));
        }
        register(JournalResource.class);
        register(SetupResource.class);
        register(AdminDocumentResource.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(journal).to(StubJournal.class);
                bind(setup).to(StubSetup.class);
            }
        });
        if (options.control() != null) {
            options.control().attach(new StubControl.Handles(journal, setup));
        }
    }

    /**
     * The application around given implementations: test doubles, which need no request context.
     *
     * @param dataSet  who may call (tokens and projects)
     * @param backups  the backup operations
     * @param policies the policy operations
     * @param faults   the failures clients may ask for, and the rate of unasked ones
     */
    public StubApplication(BackupDataSet dataSet, BackupApi backups, PolicyApi policies, FaultInjection faults) {
        // Registered as classes with their instances bound by the injector: Jersey logs a misleading
        // warning for resource instances passed to register(Object).
        register(backups.getClass());
        register(policies.getClass());
        register(new AbstractBinder() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
                bind(backups).to((Class) backups.getClass());
                bind(policies).to((Class) policies.getClass());
            }
        });
        registerCommon(() -> dataSet, faults);
    }

    private void registerCommon(Supplier<BackupDataSet> dataSet, FaultInjection faults) {
        register(ContractDocumentsResource.class);
        register(RequestGuard.class);
        register(ContentLength.class);
        register(MethodGuard.class);
        register(CommaSeparatedLists.class);
        register(StrictParameters.class);
        register(faults);
        register(EmptyAnswersAsOk.class);
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
