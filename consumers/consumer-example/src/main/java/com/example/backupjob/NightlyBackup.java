package com.example.backupjob;

import com.example.csbs.client.ApiException;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.PolicyResp;
import com.example.csbs.client.sdk.Csbs;
import com.example.csbs.client.sdk.CsbsException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A team's nightly backup job, the code under test of this module: it executes a backup policy by
 * name and reports the backups that failed. It calls CSBS with the client's layer over the generated
 * client (paging, retries of the calls safe to repeat, one exception type per status), as any service
 * would; it knows nothing of the stub.
 */
public final class NightlyBackup {

    private static final Logger LOG = Logger.getLogger(NightlyBackup.class.getName());

    private final String projectId;
    private final int pageSize;
    private final Csbs csbs;

    /**
     * @param csbs      the CSBS endpoint (the stub's base URI in tests)
     * @param projectId the project whose policies it runs
     * @param token     the project's IAM token
     * @param pageSize  how many backups it asks for at a time (from the job's configuration)
     */
    public NightlyBackup(URI csbs, String projectId, String token, int pageSize) {
        this.csbs = Csbs.connect(csbs, token);
        this.projectId = projectId;
        this.pageSize = pageSize;
    }

    /** Executes the backup policy with that name: one backup per server it protects. Returns the checkpoint's id. */
    public UUID run(String policyName) throws ApiException {
        PolicyResp policy = csbs.allPolicies(projectId, query -> query.name(policyName)).first()
                .orElseThrow(() -> new IllegalArgumentException("no backup policy " + policyName));
        return csbs.backups().executeBackupPolicy(projectId, Csbs.PROVIDER_ID, new ExecuteBackupPolicyRequest()
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
            return csbs.allBackups(projectId, query -> query.checkpointId(checkpointId).status("error"))
                    .withPageSize(pageSize).toList().stream()
                    .map(NightlyBackup::describe)
                    .toList();
        } catch (CsbsException e) {
            LOG.log(Level.WARNING, "CSBS answered {0} {1}; no failed backups reported",
                    new Object[] {e.getCode(), e.errorCode().orElse("")});
            return List.of();
        }
    }

    private static String describe(CheckpointItem backup) {
        return backup.getExtendInfo().getResourceName() + ": " + backup.getExtendInfo().getFailReason();
    }
}
