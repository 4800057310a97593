package com.example.clientonly;

import com.example.csbs.client.ApiClient;
import com.example.csbs.client.ApiException;
import com.example.csbs.client.api.BackupApi;
import com.example.csbs.client.api.PolicyApi;
import com.example.csbs.client.model.CheckpointItem;
import com.example.csbs.client.model.CheckpointParam;
import com.example.csbs.client.model.CheckpointReq;
import com.example.csbs.client.model.ExecuteBackupPolicyRequest;
import com.example.csbs.client.model.PolicyResp;
import java.util.List;
import java.util.UUID;

/**
 * Executes the backup policy "daily" of the stub's demo project and lists the backups it made:
 * everything csbs-client needs at run time comes from its own published pom.
 */
public final class ExecuteDaily {

    private static final String PROJECT = "b942cc8342734d15bcb246babb1953cf";
    private static final String CSBS_PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

    private ExecuteDaily() {
    }

    /** @param args the CSBS endpoint, e.g. {@code http://127.0.0.1:8080} */
    public static void main(String[] args) throws ApiException {
        ApiClient client = new ApiClient();
        client.setBasePath(args[0]);
        client.setApiKey("csbs-demo-token");
        PolicyApi policies = new PolicyApi(client);
        BackupApi backups = new BackupApi(client);

        PolicyResp daily = policies.listBackupPolicies(PROJECT).name("daily").execute().getPolicies().get(0);
        UUID checkpoint = backups.executeBackupPolicy(PROJECT, CSBS_PROVIDER, new ExecuteBackupPolicyRequest()
                        .checkpoint(new CheckpointReq()
                                .planId(UUID.fromString(daily.getId()))
                                .parameters(new CheckpointParam().autoTrigger(false))))
                .getCheckpoint().getId();
        List<CheckpointItem> made = backups.listBackups(PROJECT).checkpointId(checkpoint).execute().getCheckpointItems();
        if (made.isEmpty()) {
            throw new IllegalStateException("checkpoint " + checkpoint + " has no backups");
        }
        for (CheckpointItem backup : made) {
            System.out.println("backup " + backup.getId() + " of " + backup.getExtendInfo().getResourceName()
                    + ": " + backup.getStatus());
        }
    }
}
