package com.example.csbs.stub.backup;

import com.example.csbs.stub.admin.InvalidSetupException;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a backup ends: {@code available}, or {@code error} with the {@code fail_code} and
 * {@code fail_reason} a client's failure path should see. Set per resource in the data set
 * ({@code "backup_outcome"}) or per request ({@code Prefer: backup=error}).
 */
public record BackupOutcome(BackupStatus status,
                            @JsonProperty("fail_code") Long failCode,
                            @JsonProperty("fail_reason") String failReason) {

    public static final BackupOutcome AVAILABLE = new BackupOutcome(BackupStatus.AVAILABLE, null, null);

    /** The error a backup ends with when nothing more precise is asked for. */
    public static final BackupOutcome DEFAULT_ERROR = new BackupOutcome(BackupStatus.ERROR, null, null);

    public BackupOutcome {
        if (status == null) {
            throw new InvalidSetupException("backup_outcome.status is required (available or error)");
        }
        if (status != BackupStatus.AVAILABLE && status != BackupStatus.ERROR) {
            throw new InvalidSetupException("backup_outcome.status must be available or error, was " + status.value());
        }
        if (status == BackupStatus.AVAILABLE && (failCode != null || failReason != null)) {
            throw new InvalidSetupException("backup_outcome: fail_code and fail_reason go with status error only");
        }
        if (status == BackupStatus.ERROR) {
            failCode = failCode != null ? failCode : DEFAULT_ERROR_CODE;
            failReason = failReason != null ? failReason : DEFAULT_ERROR_REASON;
        }
    }

    /** A backup ends in {@code error} with this {@code fail_code.Code} and {@code fail_reason}. */
    public static BackupOutcome error(long failCode, String failReason) {
        return new BackupOutcome(BackupStatus.ERROR, failCode, failReason);
    }

    private static final long DEFAULT_ERROR_CODE = 9999L;
    private static final String DEFAULT_ERROR_REASON = "backup failed: the stub was asked for a failed backup";
    private static final String DEFAULT_RESTORE_ERROR_REASON = "restore failed: the stub was asked for a failed restore";

    /** The error a restore ends with when nothing more precise is asked for. */
    public static final BackupOutcome DEFAULT_RESTORE_ERROR = new BackupOutcome(BackupStatus.ERROR, null,
            DEFAULT_RESTORE_ERROR_REASON);

    /** This outcome as a restore's: a failure without a reason of its own says that a restore failed. */
    public BackupOutcome asRestoreOutcome() {
        return isError() && DEFAULT_ERROR_REASON.equals(failReason)
                ? new BackupOutcome(BackupStatus.ERROR, failCode, DEFAULT_RESTORE_ERROR_REASON) : this;
    }

    @JsonIgnore // not a field of the data set
    public boolean isError() {
        return status == BackupStatus.ERROR;
    }
}
