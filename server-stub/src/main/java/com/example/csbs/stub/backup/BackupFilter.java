package com.example.csbs.stub.backup;

import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.http.Timestamps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters of "Querying All Backups" and "Querying the Number of Backups", the same for both so that
 * a count always agrees with its list. A null field does not filter. {@code name} and
 * {@code resource_name} match a part of the name, ignoring case; {@code start_time} and {@code end_time}
 * bound the backup's creation time, inclusive; {@code ip} (count only) is the server's private or elastic IP.
 *
 * @param projectId the project whose backups are listed, null for every tenant's ({@code all_tenants})
 */
public record BackupFilter(String projectId, BackupStatus status, String name, String az, UUID resourceId,
                           String resourceName, Instant startTime, Instant endTime, String imageType, UUID policyId,
                           UUID checkpointId, String resourceType, String ip) implements Predicate<BackupView> {

    /** What every backup of the stub is (extend_info.image_type). */
    public static final String IMAGE_TYPE = "backup";

    /** The sort keys "Querying All Backups" enumerates, with the value each sorts by. */
    public static final Map<String, Function<BackupView, String>> SORT_KEYS = sortKeys();

    public static final String DEFAULT_SORT = "created_at:desc";

    public static BackupFilter ofProject(String projectId) {
        return new BackupFilter(projectId, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public boolean test(BackupView view) {
        Backup backup = view.backup();
        BackupDataSet.ProtectedResource resource = backup.resource();
        return (projectId == null || projectId.equals(backup.projectId()))
                && (status == null || status == view.status())
                && (name == null || containsIgnoringCase(backup.name(), name))
                && (az == null || az.equals(resource.az()))
                && (resourceId == null || resourceId.toString().equals(resource.id()))
                && (resourceName == null || containsIgnoringCase(resource.name(), resourceName))
                && (startTime == null || !shownCreatedAt(backup).isBefore(startTime))
                && (endTime == null || !shownCreatedAt(backup).isAfter(endTime))
                && (imageType == null || imageType.equals(IMAGE_TYPE))
                && (policyId == null || policyId.toString().equals(backup.policy().id()))
                && (checkpointId == null || checkpointId.equals(backup.checkpointId()))
                && (resourceType == null || resourceType.equals(resource.type()))
                && (ip == null || ip.equals(resource.privateIp()) || ip.equals(resource.eip()));
    }

    /**
     * The creation time as the answers show it (microseconds): the clock may be finer, and a backup must be
     * counted by a start_time or end_time equal to its own created_at (both bounds are inclusive).
     */
    private static Instant shownCreatedAt(Backup backup) {
        return backup.createdAt().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean containsIgnoringCase(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Function<BackupView, String>> sortKeys() {
        Map<String, Function<BackupView, String>> keys = new LinkedHashMap<>();
        keys.put("created_at", view -> Timestamps.format(view.backup().createdAt()));
        keys.put("updated_at", view -> Timestamps.format(view.updatedAt()));
        keys.put("name", view -> view.backup().name());
        keys.put("status", view -> view.status().value());
        // Not a field of a backup: the time it was taken.
        keys.put("protected_at", view -> Timestamps.format(view.backup().createdAt()));
        keys.put("id", view -> view.backup().id().toString());
        return Collections.unmodifiableMap(keys);
    }
}
