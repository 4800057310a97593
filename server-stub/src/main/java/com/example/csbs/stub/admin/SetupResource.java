package com.example.csbs.stub.admin;

import com.example.csbs.stub.admin.api.SetupApi;
import com.example.csbs.stub.admin.model.DataSet;
import com.example.csbs.stub.admin.model.NextBackups;
import com.example.csbs.stub.admin.model.Policy;
import com.example.csbs.stub.admin.model.Project;
import com.example.csbs.stub.admin.model.Quotas;
import com.example.csbs.stub.admin.model.Resource;
import com.example.csbs.stub.admin.model.Setup;
import com.example.csbs.stub.admin.model.Token;
import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.BackupStatus;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.CsbsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The run-time setup over HTTP (tag {@code setup} of the admin API): the bodies, in the shape of a
 * data set file, become the data set's records and go to {@link StubSetup}, as a test in the same
 * JVM calls it. A refused setup is 400 CSBS.9001 with the problem named.
 */
@Singleton
public class SetupResource implements SetupApi {

    // Between the generated models and the data set's records, which share their JSON shape.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StubSetup setup;

    @Inject
    public SetupResource(StubSetup setup) {
        this.setup = setup;
    }

    @Override
    public Setup getSetup() {
        Map<String, NextBackups> byProject = new LinkedHashMap<>();
        setup.nextBackupsByProject().forEach((projectId, next) -> byProject.put(projectId, model(next)));
        return new Setup()
                .dataSet(JSON.convertValue(setup.dataSet(), DataSet.class))
                .nextBackups(setup.nextBackups().map(SetupResource::model).orElse(null))
                .nextBackupsByProject(byProject.isEmpty() ? null : byProject);
    }

    @Override
    public void putProject(Project project) {
        BackupDataSet.Project record = record(project, BackupDataSet.Project.class);
        apply(() -> setup.putProject(record));
    }

    @Override
    public void putToken(String projectId, Token token) {
        apply(() -> setup.putToken(projectId, token.getToken(), Boolean.TRUE.equals(token.getAdmin())));
    }

    @Override
    public void putPolicy(String projectId, Policy policy) {
        BackupDataSet.Policy record = record(policy, BackupDataSet.Policy.class);
        apply(() -> setup.putPolicy(projectId, record));
    }

    @Override
    public void putResource(String projectId, UUID policyId, Resource resource) {
        BackupDataSet.ProtectedResource record = record(resource, BackupDataSet.ProtectedResource.class);
        apply(() -> setup.putResource(projectId, policyId.toString(), record));
    }

    @Override
    public void putServer(String projectId, Resource server) {
        BackupDataSet.ProtectedResource record = record(server, BackupDataSet.ProtectedResource.class);
        apply(() -> setup.putServer(projectId, record));
    }

    @Override
    public void putQuotas(String projectId, Quotas quotas) {
        BackupDataSet.Quotas record = record(quotas, BackupDataSet.Quotas.class);
        apply(() -> setup.putQuotas(projectId, record));
    }

    @Override
    public void setNextBackups(NextBackups next, String projectId) {
        com.example.csbs.stub.backup.NextBackups record = apply(() -> new com.example.csbs.stub.backup.NextBackups(
                outcome(next), duration(next.getDuration()), next.getExecutions()));
        apply(() -> projectId == null ? setup.setNextBackups(record) : setup.setNextBackups(projectId, record));
    }

    @Override
    public void clearNextBackups(String projectId) {
        apply(() -> projectId == null ? setup.clearNextBackups() : setup.clearNextBackups(projectId));
    }

    @Override
    public void resetSetup(String projectId) {
        apply(() -> projectId == null ? setup.reset() : setup.reset(projectId));
    }

    private static BackupOutcome outcome(NextBackups next) {
        if (next.getStatus() == null) {
            if (next.getFailCode() != null || next.getFailReason() != null) {
                throw new InvalidSetupException("fail_code and fail_reason go with status error only");
            }
            return null;
        }
        return new BackupOutcome(BackupStatus.fromValue(next.getStatus().value()).orElseThrow(),
                next.getFailCode(), next.getFailReason());
    }

    private static Duration duration(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw new InvalidSetupException("duration must be an ISO-8601 duration such as PT0S, PT10S or PT2M");
        }
    }

    private static NextBackups model(com.example.csbs.stub.backup.NextBackups next) {
        BackupOutcome outcome = next.outcome();
        return new NextBackups()
                .status(outcome == null ? null : NextBackups.StatusEnum.fromValue(outcome.status().value()))
                .failCode(outcome == null ? null : outcome.failCode())
                .failReason(outcome == null ? null : outcome.failReason())
                .duration(next.duration() == null ? null : next.duration().toString())
                .executions(next.executions());
    }

    // A generated model as the data set's record, which checks it.
    private static <T> T record(Object model, Class<T> type) {
        try {
            return BackupDataSet.fromJson(JSON.valueToTree(model), type);
        } catch (BackupDataSet.InvalidDataSetException e) {
            throw refused(e.getMessage());
        }
    }

    private static <T> T apply(Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) { // InvalidSetupException, or a record's own check
            throw refused(e.getMessage());
        }
    }

    private static CsbsException refused(String problem) {
        return CsbsException.invalidParameter("invalid setup: " + problem);
    }
}
