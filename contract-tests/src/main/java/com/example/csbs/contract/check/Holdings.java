package com.example.csbs.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the service holds, as its listings showed it at the start of the run: the policies and backups of the
 * project. Generated requests draw valid values from it (so that IDs and filters hit something), and it says which
 * IDs exist (200) and which do not (404).
 */
final class Holdings {

    private static final Set<String> GOING = Set.of("waiting_delete", "deleting", "deleted");

    private final List<JsonNode> policies = new ArrayList<>();
    private final List<JsonNode> backups = new ArrayList<>();

    void addPolicies(JsonNode listing) {
        listing.path("policies").forEach(policies::add);
    }

    void addBackups(JsonNode listing) {
        listing.path("checkpoint_items").forEach(backups::add);
    }

    /** An ID as compared here: lower case; a UUID in any spelling of its 32 hex digits counts as that UUID. */
    static String normalized(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        String hex = lower.replaceAll("[^0-9a-f]", "");
        return hex.length() == 32 && lower.length() <= 45 ? hex : lower;
    }

    Set<String> policyIds() {
        return ids(policies.stream());
    }

    /** Backups that stay while the run looks (not being deleted). */
    Set<String> backupIds() {
        return ids(lasting());
    }

    /** Every listed backup: each marks a place in the listing, even one that is going. */
    Set<String> listedBackupIds() {
        return ids(backups.stream());
    }

    Set<String> checkpointIds() {
        Set<String> ids = new LinkedHashSet<>();
        backups.forEach(backup -> ids.add(normalized(backup.path("checkpoint_id").asText())));
        return ids;
    }

    /** The IDs of the backups that stay while the run looks, as listed (lower case). */
    List<String> someBackupIds() {
        return lasting().map(backup -> backup.path("id").asText().toLowerCase(Locale.ROOT)).toList();
    }

    /** The IDs of the listed policies, as listed. */
    List<String> somePolicyIds() {
        return policies.stream().map(policy -> policy.path("id").asText()).toList();
    }

    /** The checkpoints of the listed backups, as listed (lower case). */
    List<String> someCheckpointIds() {
        return distinct(lasting().map(backup -> backup.path("checkpoint_id").asText().toLowerCase(Locale.ROOT)));
    }

    Optional<String> firstPolicyName() {
        return policies.stream().map(policy -> policy.path("name").asText()).filter(name -> !name.isEmpty()).findFirst();
    }

    Optional<String> firstPolicyId() {
        return policies.stream().map(policy -> policy.path("id").asText()).findFirst();
    }

    Optional<String> firstBackupId() {
        return lasting().map(backup -> backup.path("id").asText()).findFirst();
    }

    /** The resource IDs of a listed policy, or empty when the policy was not listed. */
    Optional<List<String>> resourcesOf(String policyId) {
        return policies.stream().filter(policy -> normalized(policy.path("id").asText()).equals(normalized(policyId))).findFirst()
                .map(policy -> texts(policy.path("resources"), resource -> resource.path("id")));
    }

    /** Whether a listed policy holds the resource (a server is in one policy at most). */
    boolean inAnyPolicy(String resourceId) {
        return policies.stream().flatMap(policy -> texts(policy.path("resources"), resource -> resource.path("id")).stream())
                .map(Holdings::normalized).anyMatch(Holdings.normalized(resourceId)::equals);
    }

    /** Valid values by parameter name (or operationId.name), for {@code ParameterGenerators}. */
    Map<String, List<String>> hints() {
        Map<String, List<String>> hints = new HashMap<>();
        List<String> backupIds = lasting().map(backup -> backup.path("id").asText()).toList();
        List<String> policyIds = policies.stream().map(policy -> policy.path("id").asText()).toList();
        hints.put("checkpoint_item_id", backupIds);
        hints.put("policy_id", policyIds);
        hints.put("listBackups.marker", backups.stream().map(backup -> backup.path("id").asText()).toList());
        hints.put("listBackupPolicies.marker", policyIds);
        hints.put("checkpoint_id", distinct(backups.stream().map(backup -> backup.path("checkpoint_id").asText())));
        // Deleting is for the lifecycle, on its own checkpoints: never an ID the service held before the run.
        hints.put("deleteBackup.checkpoint_id", List.of());
        hints.put("checkpoint_items", List.of());
        hints.put("resource_id", distinct(Stream.concat(backups.stream().map(backup -> backup.path("resource_id").asText()),
                policies.stream().flatMap(policy -> texts(policy.path("resources"), resource -> resource.path("id")).stream()))));
        hints.put("name", withParts(backups.stream().map(backup -> backup.path("name").asText())));
        hints.put("listBackupPolicies.name", distinct(policies.stream().map(policy -> policy.path("name").asText())));
        hints.put("resource_name", withParts(backups.stream().map(backup -> backup.at("/extend_info/resource_name").asText())));
        hints.put("az", distinct(backups.stream().map(backup -> backup.at("/extend_info/resource_az").asText())));
        hints.put("image_type", distinct(backups.stream().map(backup -> backup.at("/extend_info/image_type").asText())));
        hints.put("resource_type", distinct(backups.stream().map(backup -> backup.path("resource_type").asText())));
        hints.put("ip", distinct(backups.stream().flatMap(backup ->
                Stream.of(backup.at("/backup_data/private_ip").asText(), backup.at("/backup_data/eip").asText()))));
        // The spec's example and a time to come, then times around the first backups (the filters' edges).
        List<String> times = new ArrayList<>(List.of("2017-04-18T01:21:52.701973", "2099-01-01T00:00:00"));
        backups.stream().limit(3).map(backup -> backup.path("created_at").asText()).filter(Semantics::parses).forEach(created -> {
            times.add(created);
            times.add(LocalDateTime.parse(created).minusSeconds(1).toString());
            times.add(LocalDateTime.parse(created).plusNanos(1000).toString());
        });
        hints.put("start_time", times);
        hints.put("end_time", times);
        hints.put("limit", List.of("1", "2", "3"));
        hints.put("offset", List.of("0", "1", "2"));
        hints.put("all_tenants", List.of("false"));
        return hints;
    }

    private Stream<JsonNode> lasting() {
        return backups.stream().filter(backup -> !GOING.contains(backup.path("status").asText()));
    }

    private static Set<String> ids(Stream<JsonNode> items) {
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(item -> ids.add(normalized(item.path("id").asText())));
        return ids;
    }

    private static List<String> texts(JsonNode array, Function<JsonNode, JsonNode> value) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(value.apply(item).asText()));
        return texts;
    }

    /** The names, and parts of them in other cases (the name filters match a part, ignoring case). */
    private static List<String> withParts(Stream<String> names) {
        List<String> values = new ArrayList<>();
        distinct(names).stream().limit(5).forEach(name -> {
            values.add(name);
            values.add(name.substring(0, Math.min(3, name.length())).toUpperCase(Locale.ROOT));
        });
        return distinct(values.stream());
    }

    private static List<String> distinct(Stream<String> values) {
        return values.filter(value -> !value.isEmpty()).distinct().toList();
    }
}
