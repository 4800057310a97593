package com.example.backupjob;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.PolicyResp;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A team's nightly backup job, the code under test of this module: it executes a backup policy by
 * name and reports the backups that failed. It calls CSBS with the generated client, as any service
 * would; it knows nothing of the stub.
 */
public final class NightlyBackup {

    /** The fixed provider_id of CSBS. */
    static final String CSBS_PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    private static final Logger LOG = Logger.getLogger(NightlyBackup.class.getName());

    private final String projectId;
    private final int pageSize;
    private final BackupApi backups;
    private final PolicyApi policies;

    /**
     * @param csbs      the CSBS endpoint (the stub's base URI in tests)
     * @param projectId the project whose policies it runs
     * @param token     the project's IAM token
     * @param pageSize  how many backups it asks for at a time (from the job's configuration)
     */
    public NightlyBackup(URI csbs, String projectId, String token, int pageSize) {
        ApiClient client = new ApiClient();
        client.setBasePath(csbs.toString());
        client.setApiKey(token);
        this.projectId = projectId;
        this.pageSize = pageSize;
        this.backups = new BackupApi(client);
        this.policies = new PolicyApi(client);
    }

    /** Executes the backup policy with that name: one backup per server it protects. Returns the checkpoint's id. */
    public UUID run(String policyName) throws ApiException {
        PolicyResp policy = policies.listBackupPolicies(projectId).name(policyName).execute().getPolicies().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no backup policy " + policyName));
        return backups.executeBackupPolicy(projectId, CSBS_PROVIDER, new ExecuteBackupPolicyRequest()
                        .checkpoint(new CheckpointReq()
                                .planId(UUID.fromString(policy.getId()))
                                .parameters(new CheckpointParam().autoTrigger(false))))
                .getCheckpoint().getId();
    }

    /**
     * The backups of the checkpoint that ended in error, as "server: reason". If CSBS cannot be asked, it says
     * so in the log and reports none, so that the job's report still goes out.
     */
    public List<String> failedBackups(UUID checkpointId) {
        try {
            return backups.listBackups(projectId).checkpointId(checkpointId).status("error").limit(pageSize).execute()
                    .getCheckpointItems().stream()
                    .map(NightlyBackup::describe)
                    .toList();
        } catch (ApiException e) {
            LOG.log(Level.WARNING, "CSBS answered {0}; no failed backups reported", e.getCode());
            return List.of();
        }
    }

    private static String describe(CheckpointItem backup) {
        return backup.getExtendInfo().getResourceName() + ": " + backup.getExtendInfo().getFailReason();
    }
}
