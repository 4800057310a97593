package com.example.csbs.contract.check;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * What a run is asked to do.
 *
 * @param plan         the policy the lifecycle executes, null for the plan of the spec's example request
 * @param resources    the resources it backs up; empty: the example's (no plan given) or every one of the plan
 * @param lifecycle    execute, wait, delete: changes what the service holds; without it the run only reads
 * @param executions   generated executions in the lifecycle, besides the documented one
 * @param maxCases     generated cases at most
 * @param maxTime      the run's time bound: no generated case starts, and no wait goes on, past it
 * @param pollInterval between two looks at backups being made or deleted
 * @param waitTimeout  how long a backup may take to become available, or to go
 * @param otherProject a second project (--other-project), whose token the service client holds; null: none
 * @param failingPlan  a policy whose backups the service makes end in error (--failing-plan); null: none
 */
record CheckOptions(String project, UUID plan, List<UUID> resources, boolean lifecycle, int executions, int maxCases,
                    Duration maxTime, Duration pollInterval, Duration waitTimeout, String otherProject, UUID failingPlan) {

    CheckOptions {
        resources = List.copyOf(resources);
    }

    CheckOptions(String project, UUID plan, List<UUID> resources, boolean lifecycle, int executions, int maxCases,
                 Duration maxTime, Duration pollInterval, Duration waitTimeout) {
        this(project, plan, resources, lifecycle, executions, maxCases, maxTime, pollInterval, waitTimeout, null, null);
    }
}
