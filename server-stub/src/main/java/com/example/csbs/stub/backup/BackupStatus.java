package com.example.csbs.stub.backup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The documented statuses of a backup (checkpoint item), with their wire values. */
public enum BackupStatus {
    WAITING_PROTECT, PROTECTING, AVAILABLE, WAITING_RESTORE, RESTORING, ERROR, WAITING_DELETE, DELETING, DELETED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For data set files: the wire value, or an error naming the accepted ones. */
    @JsonCreator
    static BackupStatus fromJson(String value) {
        return fromValue(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown backup status " + value + " (expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ")"));
    }

    public static Optional<BackupStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(status -> status.value().equals(value)).findFirst();
    }

    /** Still being created: such a backup cannot be deleted (CSBS.2003). */
    public boolean isCreating() {
        return this == WAITING_PROTECT || this == PROTECTING;
    }

    /** Being restored from: deleting it is refused (CSBS.2003), restoring from it again too (CSBS.4000). */
    public boolean isRestoring() {
        return this == WAITING_RESTORE || this == RESTORING;
    }

    /** Being deleted: deleting it again is refused (CSBS.2003). */
    public boolean isDeleting() {
        return this == WAITING_DELETE || this == DELETING;
    }
}
