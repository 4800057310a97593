package com.example.csbs.stub.policy;

import com.example.csbs.stub.model.ScheduledOperationResp;
import java.util.List;

/**
 * A policy's status after it is created or updated through the API: {@code enabled} when one of its
 * scheduled operations is enabled (it backs up on schedule), else {@code disabled} (it backs up only
 * when executed). The values are the policy pages' table's ("disabled", "enabled").
 */
public final class PolicyStatus {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";

    private PolicyStatus() {
    }

    public static String of(List<ScheduledOperationResp> scheduledOperations) {
        return scheduledOperations.stream().anyMatch(operation -> Boolean.TRUE.equals(operation.getEnabled()))
                ? ENABLED : DISABLED;
    }
}
