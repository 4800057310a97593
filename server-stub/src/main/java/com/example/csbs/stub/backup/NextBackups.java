package com.example.csbs.stub.backup;

import com.example.csbs.stub.admin.InvalidSetupException;
import java.time.Duration;

/**
 * How the backups of the next executions end and how long they take, set at run time (the admin
 * API's {@code PUT /__admin/setup/next-backups}, or {@code StubSetup}), whatever the data set says
 * of their resources.
 *
 * @param outcome    how they end; {@code null}: as the data set says of each resource
 * @param duration   how long they take to end; {@code null}: the stub's backup duration
 * @param executions for how many executions (each creates one backup per resource); {@code null}: every one
 *                   until cleared or reset
 */
public record NextBackups(BackupOutcome outcome, Duration duration, Integer executions) {

    public NextBackups {
        if (duration != null && duration.isNegative()) {
            throw new InvalidSetupException("duration must not be negative, was " + duration);
        }
        if (executions != null && executions < 1) {
            throw new InvalidSetupException("executions must be at least 1, was " + executions);
        }
    }

    /** Every backup of the next executions ends so, in the stub's backup duration. */
    public static NextBackups endingAs(BackupOutcome outcome) {
        return new NextBackups(outcome, null, null);
    }

    public NextBackups withDuration(Duration duration) {
        return new NextBackups(outcome, duration, executions);
    }

    public NextBackups forExecutions(int executions) {
        return new NextBackups(outcome, duration, executions);
    }

    /** The same, for one execution fewer; {@code null} when that was the last. */
    NextBackups afterOneExecution() {
        if (executions == null) {
            return this;
        }
        return executions == 1 ? null : new NextBackups(outcome, duration, executions - 1);
    }
}
