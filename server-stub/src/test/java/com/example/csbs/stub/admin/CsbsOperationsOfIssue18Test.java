package com.example.csbs.stub.admin;

import static com.example.csbs.stub.admin.AdminHttp.DAILY;
import static com.example.csbs.stub.admin.AdminHttp.PROJECT;
import static com.example.csbs.stub.admin.AdminHttp.PROVIDER;
import static com.example.csbs.stub.admin.AdminHttp.TOKEN;
import static com.example.csbs.stub.admin.AdminHttp.error;
import static com.example.csbs.stub.admin.AdminHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.container.Operations;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.threeten.extra.MutableClock;

/**
 * The operations spec 1.3.0 adds, over HTTP on a clock the test moves: policies created, updated and deleted;
 * one server backed up; the capability checks; restoring; quotas; paging links; bad input with its documented
 * error codes; and policies changed while they are executed. Every CSBS answer is checked against the spec.
 */
class CsbsOperationsOfIssue18Test {

    private static final OpenApiInteractionValidator CSBS_CONTRACT =
            OpenApiInteractionValidator.createForInlineApiSpecification(AdminHttp.resource("csbs/openapi.yaml")).build();
    private static final String SERVER = "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"; // known to no data set
    private static final String PATTERN =
            "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n";
    private static final String RESOURCES = "/providers/" + PROVIDER + "/resources";

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private AdminHttp stub;

    @BeforeEach
    void start() {
        stub = new AdminHttp(StubOptions.defaults().withClock(clock).withBackupDuration(Duration.ofSeconds(3))
                .withDeleteDuration(Duration.ofSeconds(1)).withRestoreDuration(Duration.ofSeconds(10)).withMaxPolicies(6));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aPolicysLifeCreatedReadUpdatedExecutedDeleted() {
        JsonNode created = ok("POST", "/policies", createBody("my-plan", true, SERVER)).path("policy");

        String id = created.path("id").asText();
        assertThat(created.path("status").asText()).isEqualTo("enabled");
        assertThat(created.path("name").asText()).isEqualTo("my-plan");
        assertThat(created.path("created_at").asText()).isEqualTo("2026-03-02T09:00:00.000000");
        assertThat(created.path("resources")).isEqualTo(json(
                "[{\"id\": \"" + SERVER + "\", \"name\": \"resource1\", \"type\": \"OS::Nova::Server\", \"extra_info\": {}}]"));
        JsonNode operation = created.at("/scheduled_operations/0");
        assertThat(operation.path("enabled").asBoolean()).isTrue();
        assertThat(operation.path("operation_definition")).isEqualTo(json("{\"max_backups\": 20, \"retention_duration_days\": -1,"
                + " \"permanent\": false, \"plan_id\": \"" + id + "\", \"provider_id\": \"" + PROVIDER + "\"}"));
        assertThat(operation.at("/trigger/properties/start_time").asText()).isEqualTo("2026-03-02 09:00:00");
        assertThat(ok("GET", "/policies/" + id, null).path("policy")).isEqualTo(created);

        String operationId = operation.path("id").asText();
        JsonNode updated = ok("PUT", "/policies/" + id, """
                {"policy": {"name": "renamed", "scheduled_operations": [{"id": "%s", "enabled": false,
                  "operation_definition": {"max_backups": 5}}]}}""".formatted(operationId)).path("policy");
        assertThat(updated.path("status").asText()).isEqualTo("disabled");
        assertThat(updated.path("name").asText()).isEqualTo("renamed");
        assertThat(updated.at("/scheduled_operations/0/operation_definition/max_backups").asInt()).isEqualTo(5);
        assertThat(updated.at("/scheduled_operations/0/trigger")).isEqualTo(operation.path("trigger"));
        assertThat(ok("GET", "/policies?name=renamed", null).path("policies")).hasSize(1);

        String checkpoint = ok("POST", "/providers/" + PROVIDER + "/checkpoints",
                "{\"checkpoint\": {\"plan_id\": \"" + id + "\", \"parameters\": {}}}").at("/checkpoint/id").asText();
        HttpResponse<String> deleted = csbs("DELETE", "/policies/" + id, null, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();

        assertThat(json(csbs("GET", "/policies/" + id, null, null).body())).isEqualTo(error("CSBS.3000", "plan not found"));
        assertThat(csbs("DELETE", "/policies/" + id, null, null).statusCode()).isEqualTo(404);
        assertThat(csbs("POST", "/providers/" + PROVIDER + "/checkpoints",
                "{\"checkpoint\": {\"plan_id\": \"" + id + "\", \"parameters\": {}}}", null).statusCode()).isEqualTo(404);
        assertThat(ok("GET", "/checkpoint_items?policy_id=" + id, null).path("checkpoint_items"))
                .as("the backups of a deleted policy stay").extracting(item -> item.path("checkpoint_id").asText())
                .containsExactly(checkpoint);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a name another policy has       | POST | /policies | {"policy": {"name": "daily", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [], "scheduled_operations": []}} | 400 | CSBS.9007 | duplicate service name
            a server another policy has     | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [{"id": "7a32a8b5-7977-4e24-b5da-e0eb457db75b", "name": "s", "type": "OS::Nova::Server"}], "scheduled_operations": []}} | 400 | CSBS.6004 | Server (7a32a8b5-7977-4e24-b5da-e0eb457db75b) is already in service.
            a resource id not a UUID        | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [{"id": "server-1", "name": "s", "type": "OS::Nova::Server"}], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.resources[0].id must be a UUID string
            a resource's extra_info a number | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [{"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server", "extra_info": 7}], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.resources[0].extra_info must be a string or a JSON object
            a resource's extra_info an array | PUT | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"resources": [{"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server", "extra_info": ["{}"]}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.resources[0].extra_info must be a string or a JSON object
            a server twice                  | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [{"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server"}, {"id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "name": "s", "type": "OS::Nova::Server"}], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.resources[1].id names a server twice
            a pattern that is no RRULE      | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [], "scheduled_operations": [{"enabled": true, "operation_type": "backup", "operation_definition": {}, "trigger": {"properties": {"pattern": "every day"}}}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.scheduled_operations[0].trigger.properties.pattern must be an iCalendar rule with RRULE:FREQ=DAILY or RRULE:FREQ=WEEKLY
            another provider                | POST | /policies | {"policy": {"name": "new", "provider_id": "c714180d-ea34-4b13-9a5e-577c7c416eec", "parameters": {}, "resources": [], "scheduled_operations": []}} | 400 | CSBS.9001 |
            no name                         | POST | /policies | {"policy": {"provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.name is required
            a tag key twice                 | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [], "scheduled_operations": [], "tags": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}} | 400 | CSBS.9001 |
            a policy's common sent as null  | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {"common": null}, "resources": [], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.parameters.common must not be null
            a policy's common not an object | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {"common": true}, "resources": [], "scheduled_operations": []}} | 400 | CSBS.9001 | Parameter verification failed: policy.parameters.common must be a JSON object
            a definition's provider_id sent as null | POST | /policies | {"policy": {"name": "new", "provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "parameters": {}, "resources": [], "scheduled_operations": [{"enabled": true, "operation_type": "backup", "operation_definition": {"provider_id": null}, "trigger": {"properties": {"pattern": "BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=DAILY;BYHOUR=12;BYMINUTE=0\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n"}}}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.scheduled_operations[0].operation_definition.provider_id must not be null
            a policy's parameters updated to null | PUT | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"parameters": null}} | 400 | CSBS.9001 | Parameter verification failed: policy.parameters must not be null
            a policy's common updated to null | PUT | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"parameters": {"common": null}}} | 400 | CSBS.9001 | Parameter verification failed: policy.parameters.common must not be null
            a trigger updated to null       | PUT  | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"scheduled_operations": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "trigger": null}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.scheduled_operations[0].trigger must not be null
            a definition updated to null    | PUT  | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"scheduled_operations": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "operation_definition": null}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.scheduled_operations[0].operation_definition must not be null
            an unknown policy updated       | PUT  | /policies/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44 | {"policy": {"name": "x"}} | 404 | CSBS.3000 | plan not found
            a name another policy has, updated | PUT | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"name": "backup"}} | 400 | CSBS.9007 | duplicate service name
            a scheduled operation not its own  | PUT | /policies/62171999-3df1-42f7-9513-6f9b1bea4744 | {"policy": {"scheduled_operations": [{"id": "3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44", "enabled": false}]}} | 400 | CSBS.9001 | Parameter verification failed: policy.scheduled_operations[0].id is not a scheduled operation of backup policy 62171999-3df1-42f7-9513-6f9b1bea4744
            a policy id not a UUID, deleted | DELETE | /policies/daily | `` | 400 | CSBS.9001 |
            an unknown policy deleted       | DELETE | /policies/3d0c6e52-4f8a-4d3b-9a51-2b7e0c9f1a44 | `` | 404 | CSBS.3000 | plan not found
            both checks at once             | POST | /providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/resources/action | {"check_protectable": [], "check_restorable": []} | 400 | CSBS.9001 | Parameter verification failed: the body must have exactly one of check_protectable and check_restorable
            a type CSBS does not back up    | POST | /providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/resources/action | {"check_protectable": [{"resource_id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "resource_type": "OS::Cinder::Volume"}]} | 400 | CSBS.6003 | Resource (5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b) type (OS::Cinder::Volume) is not support protection.
            a check of another provider     | POST | /providers/c714180d-ea34-4b13-9a5e-577c7c416eec/resources/action | {"check_protectable": []} | 400 | CSBS.9001 | provider invalid
            a backup of a volume            | POST | /providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/resources/5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b/action | {"protect": {"resource_type": "OS::Cinder::Volume"}} | 400 | CSBS.9001 |
            a backup's resource_type sent as null | POST | /providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/resources/5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b/action | {"protect": {"resource_type": null}} | 400 | CSBS.9001 | Parameter verification failed: protect.resource_type must not be null
            a backup without protect        | POST | /providers/fc4d5750-22e7-4798-8a46-f48f62c4c1da/resources/5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b/action | {} | 400 | CSBS.9001 | Parameter verification failed: protect is required
            a restore of an unknown backup  | POST | /restores | {"restore": {"provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "checkpoint_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "parameters": {"checkpoint_item_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "power_on": true, "targets": {"server_id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "volumes": []}}}} | 404 | CSBS.3001 | Checkpoint_item (a2b9fb53-2770-4fcd-9bad-6cadd56e6c09) is not found.
            a restore without power_on      | POST | /restores | {"restore": {"provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "checkpoint_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "parameters": {"checkpoint_item_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "targets": {"server_id": "5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b", "volumes": []}}}} | 400 | CSBS.9001 | Parameter verification failed: restore.parameters.power_on is required
            a restore to a server id not a UUID | POST | /restores | {"restore": {"provider_id": "fc4d5750-22e7-4798-8a46-f48f62c4c1da", "checkpoint_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "parameters": {"checkpoint_item_id": "a2b9fb53-2770-4fcd-9bad-6cadd56e6c09", "power_on": true, "targets": {"server_id": "web-1", "volumes": []}}}} | 400 | CSBS.9001 | Parameter verification failed: restore.parameters.targets.server_id must be a UUID string
            """)
    void refusesBadInputWithTheDocumentedErrorCode(String what, String method, String path, String body, int status,
                                                   String errorCode, String message) {
        HttpResponse<String> refused = csbs(method, path, body, null);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        JsonNode answer = json(refused.body());
        assertThat(answer.path("error_code").asText()).isEqualTo(errorCode);
        if (message != null) {
            assertThat(answer.path("error_msg").asText()).isEqualTo(message);
        }
    }

    @Test
    void createsPoliciesUpToTheBoundThenRefusesWithCsbs0001() {
        for (int i = 0; i < 3; i++) { // the demo project has three
            ok("POST", "/policies", createBody("p" + i, false, null));
        }
        HttpResponse<String> refused = csbs("POST", "/policies", createBody("p3", false, null), null);

        assertThat(json(refused.body())).isEqualTo(error("CSBS.0001", "Service over limit"));
    }

    @Test
    void protectBacksUpOneServerReadByItsIdAsCheckpointAndAsBackup() {
        JsonNode checkpoint = ok("POST", RESOURCES + "/" + SERVER + "/action",
                "{\"protect\": {\"backup_name\": \"backup\", \"description\": \"backup des\", \"extra_info\": {}}}")
                .path("checkpoint");

        String id = checkpoint.path("id").asText();
        assertThat(checkpoint.path("status").asText()).isEqualTo("protecting");
        assertThat(checkpoint.path("extra_info").isNull()).isTrue();
        assertThat(checkpoint.at("/protection_plan/id").asText()).startsWith("fake_");
        assertThat(checkpoint.at("/protection_plan/name").asText()).isEqualTo("server protect plan for " + SERVER);
        assertThat(checkpoint.at("/protection_plan/resources/0/name").asText()).isEqualTo("resource_" + SERVER);
        JsonNode backup = ok("GET", "/checkpoint_items/" + id, null).path("checkpoint_item");
        assertThat(backup.path("checkpoint_id").asText()).isEqualTo(id);
        assertThat(backup.path("name").asText()).isEqualTo("backup");
        assertThat(backup.path("description").asText()).isEqualTo("backup des");
        assertThat(ok("GET", "/checkpoint_items?checkpoint_id=" + id, null).path("checkpoint_items"))
                .extracting(item -> item.path("id").asText()).containsExactly(id);
        clock.add(Duration.ofSeconds(3));
        assertThat(ok("GET", "/checkpoint_items/" + id, null).at("/checkpoint_item/status").asText()).isEqualTo("available");
        assertThat(ok("DELETE", "/providers/" + PROVIDER + "/checkpoints/" + id, null)).isEqualTo(json("{}"));
        clock.add(Duration.ofSeconds(1));
        assertThat(csbs("GET", "/checkpoint_items/" + id, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aFailedBackupsFailCodeIsAStringOfDigits() {
        String id = json(csbs("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}", "backup=error").body())
                .at("/checkpoint/id").asText();
        clock.add(Duration.ofSeconds(2));

        JsonNode backup = ok("GET", "/checkpoint_items/" + id, null).path("checkpoint_item");
        assertThat(backup.path("status").asText()).isEqualTo("error");
        assertThat(backup.at("/extend_info/fail_code")).isEqualTo(json(
                "{\"Code\": \"9999\", \"Description\": \"backup failed: the stub was asked for a failed backup\"}"));
        assertThat(ok("GET", "/checkpoint_items", null).at("/checkpoint_items/0/extend_info/fail_code/Code").isTextual()).isTrue();
    }

    @Test
    void theCapabilityChecksAnswerPerServerAsTheSetupSays() {
        stub.admin("POST", "/__admin/setup/projects/" + PROJECT + "/servers", """
                {"id": "%s", "name": "stopped", "type": "OS::Nova::Server",
                 "protectable": {"result": false, "error_code": "CSBS.6006", "error_msg": "stopped"}}""".formatted(SERVER));

        JsonNode answer = ok("POST", RESOURCES + "/action", """
                {"check_protectable": [
                  {"resource_id": "%s", "resource_type": "OS::Nova::Server"},
                  {"resource_id": "6507cb66-90dc-4a12-a573-c9f3398f899d", "resource_type": "OS::Nova::Server"},
                  {"resource_id": "6507cb66-90dc-4a12-a573-c9f3398f899e", "resource_type": "OS::Ironic::BareMetalServer"}]}""".formatted(SERVER));

        assertThat(answer).isEqualTo(json("""
                {"protectable": [
                  {"resource_id": "%s", "resource_type": "OS::Nova::Server", "result": false, "error_code": "CSBS.6006", "error_msg": "stopped"},
                  {"resource_id": "6507cb66-90dc-4a12-a573-c9f3398f899d", "resource_type": "OS::Nova::Server", "result": true, "error_code": "", "error_msg": ""},
                  {"resource_id": "6507cb66-90dc-4a12-a573-c9f3398f899e", "resource_type": "OS::Ironic::BareMetalServer", "result": false, "error_code": "CSBS.6003",
                   "error_msg": "Resource (6507cb66-90dc-4a12-a573-c9f3398f899e) type (OS::Ironic::BareMetalServer) is not support protection."}]}""".formatted(SERVER)));
        HttpResponse<String> refused = csbs("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}", null);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.6006", "stopped"));
    }

    @Test
    void aBackupIsRestorableToAServerWithEveryDiskBackupMapped() {
        String backup = availableBackup();
        String diskBackup = ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/extend_info/volume_backups/0/id").asText();

        JsonNode answer = ok("POST", RESOURCES + "/action", checkRestorable(backup, diskBackup));
        JsonNode wrongDisk = ok("POST", RESOURCES + "/action", checkRestorable(backup, "7ea119a8-d25b-43a7-8d1b-88e12788513a"));
        JsonNode unknownBackup = ok("POST", RESOURCES + "/action", checkRestorable("8986ce68-3da7-4d29-9cc2-1921e9504975", diskBackup));

        assertThat(answer).isEqualTo(json("{\"restorable\": [{\"resource_id\": \"" + SERVER
                + "\", \"resource_type\": \"OS::Nova::Server\", \"result\": true, \"error_code\": \"\", \"error_msg\": \"\"}]}"));
        assertThat(wrongDisk.at("/restorable/0/result").asBoolean()).isFalse();
        assertThat(wrongDisk.at("/restorable/0/error_code").asText()).isEqualTo("CSBS.6017");
        assertThat(unknownBackup.at("/restorable/0/error_code").asText()).isEqualTo("CSBS.3001");
    }

    @Test
    void aRestoreShowsWaitingRestoreThenRestoringThenAvailableOnTheClock() {
        String backup = availableBackup();
        String checkpoint = backup; // a backup of one server: one id for both
        String diskBackup = ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/extend_info/volume_backups/0/id").asText();

        JsonNode restore = ok("POST", "/restores", restoreBody(checkpoint, backup, diskBackup)).path("restore");

        assertThat(restore.path("status").asText()).isEqualTo("in_progress");
        assertThat(restore.path("checkpoint_id").asText()).isEqualTo(checkpoint);
        assertThat(restore.path("resources_status")).isEqualTo(json("{\"" + SERVER + "\": \"in_progress\"}"));
        assertThat(restore.at("/parameters/targets/volumes/0/backup_id").asText()).isEqualTo(diskBackup);
        assertThat(status(backup)).isEqualTo("waiting_restore");
        HttpResponse<String> deleting = csbs("DELETE", "/providers/" + PROVIDER + "/checkpoints/" + checkpoint, null, null);
        assertThat(json(deleting.body()).path("error_code").asText()).isEqualTo("CSBS.2003");
        HttpResponse<String> again = csbs("POST", "/restores", restoreBody(checkpoint, backup, diskBackup), null);
        assertThat(json(again.body()).path("error_code").asText()).isEqualTo("CSBS.4000");
        clock.add(Duration.ofSeconds(1));
        assertThat(status(backup)).isEqualTo("restoring");
        clock.add(Duration.ofSeconds(9));
        assertThat(status(backup)).isEqualTo("available");
        assertThat(ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/extend_info/fail_op").asText()).isEmpty();
    }

    @Test
    void aRestoreAskedToFailLeavesTheBackupAvailableWithFailOpRestore() {
        String backup = availableBackup();
        String diskBackup = ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/extend_info/volume_backups/0/id").asText();

        assertThat(csbs("POST", "/restores", restoreBody(backup, backup, diskBackup), "restore=error").statusCode()).isEqualTo(200);
        clock.add(Duration.ofSeconds(10));

        JsonNode extendInfo = ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/extend_info");
        assertThat(extendInfo.path("fail_op").asText()).isEqualTo("restore");
        assertThat(extendInfo.path("fail_code")).isEqualTo(json(
                "{\"Code\": \"9999\", \"Description\": \"restore failed: the stub was asked for a failed restore\"}"));
    }

    @Test
    void aRestoreFromABackupNotAvailableOrNotMappedWholeIsRefused() {
        String creating = json(csbs("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}", null).body())
                .at("/checkpoint/id").asText();
        assertThat(json(csbs("POST", "/restores", restoreBody(creating, creating, null), null).body()).path("error_code").asText())
                .isEqualTo("CSBS.4000");
        clock.add(Duration.ofSeconds(3));
        assertThat(json(csbs("POST", "/restores", restoreBody(creating, creating, null), null).body()).path("error_code").asText())
                .isEqualTo("CSBS.6018");
    }

    @Test
    void quotasCountTheRetainedBackupsAndTheirSizeAndAreEnforced() {
        assertThat(ok("GET", "/quotas", null)).isEqualTo(json("""
                {"quotas": {"resources": [{"type": "backup_capacity", "unit": "GB", "quota": -1, "used": 0},
                                          {"type": "backups", "quota": -1, "used": 0}]}}"""));
        availableBackup(); // 40 GB disk: 10 GB
        stub.admin("PUT", "/__admin/setup/projects/" + PROJECT + "/quotas", "{\"backups\": 2, \"backup_capacity\": 100}");

        assertThat(ok("GET", "/quotas", null)).isEqualTo(json("""
                {"quotas": {"resources": [{"type": "backup_capacity", "unit": "GB", "quota": 100, "used": 10},
                                          {"type": "backups", "quota": 2, "used": 1}]}}"""));
        ok("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}");
        HttpResponse<String> refused = csbs("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}", null);
        assertThat(json(refused.body())).isEqualTo(error("CSBS.9006", "Quota exceeded for resources: backups"));
    }

    @Test
    void listingsLinkTheirNextPageAndTheLastPageLinksNone() {
        List<String> names = new ArrayList<>();
        JsonNode page = ok("GET", "/policies?limit=2&sort=name:asc", null);
        while (true) {
            page.path("policies").forEach(policy -> names.add(policy.path("name").asText()));
            JsonNode links = page.path("policies_links");
            if (links.isMissingNode()) {
                break;
            }
            assertThat(links.at("/0/rel").asText()).isEqualTo("next");
            URI next = URI.create(links.at("/0/href").asText());
            assertThat(next.getQuery()).contains("marker=", "limit=2", "sort=name:asc");
            page = ok("GET", next.getRawPath().substring(("/v1/" + PROJECT).length()) + "?" + next.getRawQuery(), null);
        }
        assertThat(names).containsExactly("backup", "daily", "failing");

        String checkpoint = ok("POST", "/providers/" + PROVIDER + "/checkpoints",
                "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}").at("/checkpoint/id").asText();
        JsonNode first = ok("GET", "/checkpoint_items?checkpoint_id=" + checkpoint + "&limit=1", null);
        assertThat(first.at("/checkpoint_items_links/0/href").asText()).contains("marker=" + first.at("/checkpoint_items/0/id").asText());
        assertThat(ok("GET", "/checkpoint_items?checkpoint_id=" + checkpoint + "&limit=2", null).has("checkpoint_items_links")).isFalse();
    }

    @Test
    void theListingFiltersByIpAsTheCountDoes() {
        ok("POST", "/providers/" + PROVIDER + "/checkpoints", "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}");

        assertThat(ok("GET", "/checkpoint_items?ip=192.168.0.11", null).path("checkpoint_items"))
                .extracting(item -> item.path("resource_id").asText()).containsExactly("7a32a8b5-7977-4e24-b5da-e0eb457db75b");
        assertThat(ok("GET", "/checkpoint_items/count?ip=192.168.0.11", null).path("count").asInt()).isEqualTo(1);
    }

    @Test
    void theDelayOptionKnowsTheNewOperations() {
        assertThat(Operations.csbs().operationIds()).contains("createBackupPolicy", "updateBackupPolicy",
                "deleteBackupPolicy", "backupResource", "checkResourceCapability", "createRestoration", "listQuotas");
        assertThat(Operations.csbs().match("POST", "/v1/" + PROJECT + "/providers/" + PROVIDER + "/resources/action"))
                .hasValue("checkResourceCapability");
        assertThat(Operations.csbs().match("POST", "/v1/" + PROJECT + "/providers/" + PROVIDER + "/resources/" + SERVER + "/action"))
                .hasValue("backupResource");
        assertThat(csbs("GET", "/quotas", null, "status=503").statusCode()).as("Prefer: status= too").isEqualTo(503);
    }

    @Test
    void policiesCreatedUpdatedAndDeletedWhileTheyAreExecutedGetOnlyDocumentedAnswers() throws Exception {
        AdminHttp roomy = new AdminHttp(StubOptions.defaults().withBackupDuration(Duration.ZERO).withDeleteDuration(Duration.ZERO));
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        Set<String> unexpected = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        HttpResponse<String> created = roomy.csbs("POST", "/policies",
                                createBody("c" + thread + "-" + i, true, null), TOKEN);
                        count(answers, unexpected, "create", created, Set.of(200));
                        String id = json(created.body()).at("/policy/id").asText();
                        Runnable executeIt = () -> count(answers, unexpected, "execute", roomy.csbs("POST",
                                "/providers/" + PROVIDER + "/checkpoints",
                                "{\"checkpoint\": {\"plan_id\": \"" + id + "\", \"parameters\": {}}}", TOKEN), Set.of(500, 404));
                        executeIt.run(); // 500 CSBS.6032: no resources yet
                        count(answers, unexpected, "update", roomy.csbs("PUT", "/policies/" + id, "{\"policy\": {\"resources\": [{\"id\": \""
                                + java.util.UUID.randomUUID() + "\", \"name\": \"s\", \"type\": \"OS::Nova::Server\"}]}}", TOKEN), Set.of(200));
                        count(answers, unexpected, "execute", roomy.csbs("POST", "/providers/" + PROVIDER + "/checkpoints",
                                "{\"checkpoint\": {\"plan_id\": \"" + id + "\", \"parameters\": {}}}", TOKEN), Set.of(200));
                        count(answers, unexpected, "delete", roomy.csbs("DELETE", "/policies/" + id, null, TOKEN), Set.of(200));
                        executeIt.run(); // 404 CSBS.3000 now
                    }
                    return null;
                }));
                workers.add(threads.submit(() -> { // the data set's policies, executed and listed throughout
                    for (int i = 0; i < 80; i++) {
                        count(answers, unexpected, "execute daily", roomy.csbs("POST", "/providers/" + PROVIDER + "/checkpoints",
                                "{\"checkpoint\": {\"plan_id\": \"" + DAILY + "\", \"parameters\": {}}}", TOKEN), Set.of(200));
                        count(answers, unexpected, "list", roomy.csbs("GET", "/policies?limit=5", null, TOKEN), Set.of(200));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
            roomy.close();
        }
        assertThat(unexpected).isEmpty();
        assertThat(answers.get("create 200").get()).isEqualTo(160);
        assertThat(answers.get("delete 200").get()).isEqualTo(160);
        assertThat(answers.get("execute 200").get()).isEqualTo(160);
        assertThat(answers.get("execute daily 200").get()).isEqualTo(320);
    }

    private static void count(Map<String, AtomicInteger> answers, Set<String> unexpected, String what,
                              HttpResponse<String> response, Set<Integer> expected) {
        answers.computeIfAbsent(what + " " + response.statusCode(), key -> new AtomicInteger()).incrementAndGet();
        if (!expected.contains(response.statusCode())) {
            unexpected.add(what + " " + response.statusCode() + " " + response.body());
        }
    }

    /** A backup of one server, available; its id is its checkpoint's. */
    private String availableBackup() {
        String id = ok("POST", RESOURCES + "/" + SERVER + "/action", "{\"protect\": {}}").at("/checkpoint/id").asText();
        clock.add(Duration.ofSeconds(3));
        return id;
    }

    private String status(String backup) {
        return ok("GET", "/checkpoint_items/" + backup, null).at("/checkpoint_item/status").asText();
    }

    private static String createBody(String name, boolean enabled, String server) {
        return """
                {"policy": {"name": "%s", "description": "My plan", "provider_id": "%s", "parameters": {"common": {}},
                  "scheduled_operations": [{"name": "my-backup-policy", "enabled": %s, "operation_type": "backup",
                    "operation_definition": {"max_backups": 20, "permanent": false},
                    "trigger": {"properties": {"pattern": "%s"}}}],
                  "resources": [%s]}}""".formatted(name, PROVIDER, enabled, PATTERN,
                server == null ? "" : "{\"id\": \"" + server + "\", \"type\": \"OS::Nova::Server\", \"name\": \"resource1\"}");
    }

    private static String checkRestorable(String backup, String diskBackup) {
        return """
                {"check_restorable": [{"checkpoint_item_id": "%s", "target": {"resource_type": "OS::Nova::Server",
                  "resource_id": "%s", "volumes": [{"backup_id": "%s", "volume_id": "45baf976-c20a-4894-a7c3-c94b7376bf55"}]}}]}"""
                .formatted(backup, SERVER, diskBackup);
    }

    private static String restoreBody(String checkpoint, String backup, String diskBackup) {
        return """
                {"restore": {"provider_id": "%s", "checkpoint_id": "%s", "parameters": {"checkpoint_item_id": "%s",
                  "power_on": true, "targets": {"server_id": "%s", "volumes": [%s]}}}}""".formatted(PROVIDER, checkpoint,
                backup, SERVER, diskBackup == null ? ""
                        : "{\"backup_id\": \"" + diskBackup + "\", \"volume_id\": \"ee27f809-6fb5-40ae-ac46-c932bb4ee8fe\"}");
    }

    /** A request that must succeed: 200, and an answer the spec allows. */
    private JsonNode ok(String method, String path, String body) {
        HttpResponse<String> response = csbs(method, path, body, null);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** Any CSBS request of the demo project; its answer is checked against the spec whatever its status. */
    private HttpResponse<String> csbs(String method, String path, String body, String prefer) {
        HttpResponse<String> response = stub.send(method, "/v1/" + PROJECT + path, body, "application/json", TOKEN, prefer);
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        response.headers().map().forEach(answer::withHeader);
        ValidationReport report = CSBS_CONTRACT.validateResponse(URI.create("/v1/" + PROJECT + path).getRawPath(),
                Request.Method.valueOf(method), answer.build());
        assertThat(report.getMessages()).as("%s %s -> %d %s against the spec:%n%s", method, path, response.statusCode(),
                response.body(), report.getMessages().stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();
        return response;
    }
}
