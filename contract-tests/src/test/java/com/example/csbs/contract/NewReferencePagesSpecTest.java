package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seven pages of 1.3.0 (creating, updating and deleting a backup policy; the three resource pages;
 * creating a restoration task; querying quotas), page by page: every table field with its type, mandatory
 * flag and description, every parameter, status code, fixed value and example, and the error codes.
 */
class NewReferencePagesSpecTest {

    private static final String PROVIDER_ID = Contract.PROVIDER_ID;
    private static final String PROVIDER_ID_DESCRIPTION = "Backup provider ID, which specifies whether the backup"
            + " object is a server or disk. This parameter has a fixed value. For CSBS, the value is " + PROVIDER_ID + ".";
    private static final String DESCRIPTION_RULE = "The value consists of 0 to 255 characters and must not contain a"
            + " greater-than sign (>) or less-than sign (<).";
    private static final String NAME_RULE = "The value consists of 1 to 255 characters and can contain only letters,"
            + " digits, underscores (_), and hyphens (-).";
    private static final String TAGS = "This list cannot be an empty list.";

    private static OpenAPI spec;

    @BeforeAll
    static void parse() {
        spec = Contract.parsedSpecWithoutMessages();
    }

    /** One page: its operation, path parameters, whether it has a request body, and its documented example. */
    record Page(String title, String path, PathItem.HttpMethod method, String operationId, String tag,
                List<String> pathParameters, String requestSchema, String responseSchema, List<String> exampleNames) {

        @Override
        public String toString() {
            return title;
        }
    }

    /**
     * A row of a table: the schema it belongs to, name, the Type column, the Mandatory column (null for the
     * response tables, which have none), and the description's paragraphs.
     */
    record Row(String schema, String name, String type, Boolean mandatory, List<String> description) {

        @Override
        public String toString() {
            return schema + "." + name;
        }
    }

    private static Row req(String schema, String name, String type, boolean mandatory, String... description) {
        return new Row(schema, name, type, mandatory, List.of(description));
    }

    private static Row resp(String schema, String name, String type, String... description) {
        return new Row(schema, name, type, null, List.of(description));
    }

    static final Page CREATE_POLICY = new Page("Creating a Backup Policy", "/v1/{project_id}/policies",
            PathItem.HttpMethod.POST, "createBackupPolicy", "policy", List.of("project_id"),
            "create_backup_policy_request", "create_backup_policy_response",
            List.of("create_backup_policy_documented_response"));
    static final Page UPDATE_POLICY = new Page("Updating a Backup Policy", "/v1/{project_id}/policies/{policy_id}",
            PathItem.HttpMethod.PUT, "updateBackupPolicy", "policy", List.of("project_id", "policy_id"),
            "update_backup_policy_request", "update_backup_policy_response",
            List.of("update_backup_policy_documented_response"));
    static final Page DELETE_POLICY = new Page("Deleting a Backup Policy", "/v1/{project_id}/policies/{policy_id}",
            PathItem.HttpMethod.DELETE, "deleteBackupPolicy", "policy", List.of("project_id", "policy_id"),
            null, null, List.of());
    static final Page BACKUP_RESOURCE = new Page("Creating a Backup for a Resource",
            "/v1/{project_id}/providers/{provider_id}/resources/{resource_id}/action", PathItem.HttpMethod.POST,
            "backupResource", "resource", List.of("project_id", "provider_id", "resource_id"),
            "backup_resource_request", "backup_resource_response", List.of("backup_resource_documented_response"));
    static final Page CHECK_CAPABILITY = new Page(
            "Querying the Backup Capability or the Restoration Capability of Resources",
            "/v1/{project_id}/providers/{provider_id}/resources/action", PathItem.HttpMethod.POST,
            "checkResourceCapability", "resource", List.of("project_id", "provider_id"),
            "resource_capability_request", "resource_capability_response",
            List.of("check_protectable_documented_response", "check_restorable_documented_response",
                    "check_protectable_refused"));
    static final Page CREATE_RESTORATION = new Page("Creating a Restoration Task", "/v1/{project_id}/restores",
            PathItem.HttpMethod.POST, "createRestoration", "restore", List.of("project_id"),
            "create_restoration_request", "create_restoration_response",
            List.of("create_restoration_documented_response"));
    static final Page LIST_QUOTAS = new Page("Querying Quotas", "/v1/{project_id}/quotas", PathItem.HttpMethod.GET,
            "listQuotas", "quota", List.of("project_id"), null, "list_quotas_response",
            List.of("list_quotas_documented_response"));

    static Stream<Page> pages() {
        return Stream.of(CREATE_POLICY, UPDATE_POLICY, DELETE_POLICY, BACKUP_RESOURCE, CHECK_CAPABILITY,
                CREATE_RESTORATION, LIST_QUOTAS);
    }

    private static final String MAX_BACKUPS = "Maximum number of backups that can be automatically created for a"
            + " backup object. The value can be -1 or ranges from 0 to 99999. If the value is set to -1, backups will"
            + " not be cleared by quantity limit.";
    private static final String RETENTION = "Duration of retaining a backup, in days. The value can be -1 or ranges"
            + " from 0 to 99999. If the value is set to -1, backups will not be cleared by retention duration.";

    static Stream<Row> rows() {
        return Stream.of(
                // Creating a Backup Policy, Tables 2 to 9
                req("create_backup_policy_request", "policy", "policy_create", true),
                req("policy_create", "description", "String", false, "Backup policy description", DESCRIPTION_RULE),
                req("policy_create", "name", "String", true, "Backup policy name", NAME_RULE),
                req("policy_create", "parameters", "policy_param_req", true),
                req("policy_create", "provider_id", "String", true, PROVIDER_ID_DESCRIPTION),
                req("policy_create", "resources", "List<resource_req>", true, "Backup object list. The list can be blank."),
                req("policy_create", "scheduled_operations", "List<scheduled_operation_create>", true, "Scheduling period"),
                // Table 5 (a request's resource: the spec's resource_req, whose id is a UUID).
                req("resource_req", "id", "String", true, "Backup object ID"),
                req("resource_req", "type", "String", true, "Entity object type of backup objects"),
                req("resource_req", "name", "String", true, "Backup object name"),
                req("resource_req", "extra_info", "Dict", false, "Additional information"),
                req("policy_create", "tags", "List<resource_tag>", false, "Tag list", TAGS,
                        "The list can contain up to 10 keys.", "Keys in this list must be unique."),
                req("policy_param_req", "common", "common_param", false),
                req("scheduled_operation_create", "description", "String", false, "Scheduling period description",
                        DESCRIPTION_RULE),
                req("scheduled_operation_create", "enabled", "Boolean", true, "Whether the backup policy is enabled",
                        "If it is set to true, automatic scheduling is enabled. If it is set to false, automatic"
                                + " scheduling is disabled but you can execute the policy manually."),
                req("scheduled_operation_create", "name", "String", false, "Scheduling period name", NAME_RULE),
                req("scheduled_operation_create", "operation_type", "String", true, "Operation type",
                        "Enumeration values: backup"),
                req("scheduled_operation_create", "operation_definition", "operation_definition_req", true),
                req("scheduled_operation_create", "trigger", "trigger", true),
                req("operation_definition_req", "max_backups", "Integer", false, MAX_BACKUPS),
                req("operation_definition_req", "retention_duration_days", "Integer", false, RETENTION),
                req("operation_definition_req", "permanent", "Boolean", false, "Whether backups are permanently retained"),
                req("operation_definition_req", "plan_id", "String", false, "Backup policy ID"),
                req("operation_definition_req", "provider_id", "String", false, PROVIDER_ID_DESCRIPTION),
                req("operation_definition_req", "day_backups", "Integer", false,
                        "Maximum number of daily backups that can be retained."),
                req("operation_definition_req", "week_backups", "Integer", false,
                        "Maximum number of weekly backups that can be retained."),
                req("operation_definition_req", "month_backups", "Integer", false,
                        "Maximum number of monthly backups that can be retained."),
                req("operation_definition_req", "year_backups", "Integer", false,
                        "Maximum number of yearly backups that can be retained."),
                req("operation_definition_req", "timezone", "String", false,
                        "Time zone where the user is located, for example, UTC+08:00."),
                req("trigger", "properties", "trigger_properties", true),
                req("trigger_properties", "pattern", "String", true, "Scheduling policy of the scheduler."),
                req("resource_tag", "key", "String", true, "Tag key", "It consists of up to 36 characters.",
                        "It cannot be an empty string.", "Spaces before and after a key will be deprecated."),
                req("resource_tag", "value", "String", true, "Tag value", "It consists of up to 43 characters.",
                        "It can be an empty string.", "Spaces before and after a tag value will be deprecated."),
                resp("create_backup_policy_response", "policy", "policy_resp"),
                resp("policy_resp", "status", "String", "Backup policy status",
                        "disabled: indicates that the backup policy is unavailable.",
                        "enabled: indicates that the backup policy is available.", "suspended"),
                // Updating a Backup Policy, Tables 2 to 8
                req("update_backup_policy_request", "policy", "policy_update", true),
                req("policy_update", "description", "String", false, "Backup policy description", DESCRIPTION_RULE),
                req("policy_update", "name", "String", false, "Backup policy name", NAME_RULE),
                req("policy_update", "resources", "List<resource_req>", false, "Backup objects"),
                req("policy_update", "scheduled_operations", "List<scheduled_operation_update>", false,
                        "Scheduling period. A backup policy has only one backup period."),
                req("policy_update", "parameters", "policy_param_req", false),
                req("scheduled_operation_update", "description", "String", false, "Scheduling period description",
                        DESCRIPTION_RULE),
                req("scheduled_operation_update", "enabled", "Boolean", false, "Whether the backup policy is enabled",
                        "The default value is true. If it is set to false, automatic scheduling is disabled but"
                                + " manual scheduling is supported."),
                req("scheduled_operation_update", "name", "String", false, "Scheduling period name", NAME_RULE),
                req("scheduled_operation_update", "operation_definition", "operation_definition_req", false),
                req("scheduled_operation_update", "trigger", "trigger", false),
                req("scheduled_operation_update", "id", "String", true, "Scheduling period ID"),
                resp("update_backup_policy_response", "policy", "policy_resp"),
                // Creating a Backup for a Resource, Tables 2 to 6
                req("backup_resource_request", "protect", "protect_param", true),
                req("protect_param", "backup_name", "String", false, "Backup name. " + NAME_RULE),
                req("protect_param", "description", "String", false, "Backup description. " + DESCRIPTION_RULE),
                req("protect_param", "incremental", "Boolean", false, "Backup type. Value True indicates incremental"
                        + " backup and value False indicates full backup."),
                req("protect_param", "resource_type", "String", false, "Entity object type of the backup object",
                        "If this parameter is not transferred, the backup object type defaults to OS::Nova::Server."),
                req("protect_param", "tags", "List<resource_tag>", false, "Tag list", TAGS,
                        "The list can contain up to 10 keys.", "Keys in this list must be unique."),
                req("protect_param", "extra_info", "Object", false, "Additional information about the backup object"),
                resp("backup_resource_response", "checkpoint", "checkpoint_resp"),
                // Querying the Backup Capability / the Restoration Capability of a Resource
                req("resource_capability_request", "check_protectable", "List<protectable_param>", false,
                        "Query parameter list"),
                req("resource_capability_request", "check_restorable", "List<restorable_param>", false,
                        "Query parameter list"),
                req("protectable_param", "resource_id", "String", true, "ID of the resource (server or disk) to be checked"),
                req("protectable_param", "resource_type", "String", true,
                        "Type of the resource to be checked, for example, OS::Nova::Server for an ECS"),
                req("restorable_param", "checkpoint_item_id", "String", true, "ID of the backup used to restore data"),
                req("restorable_param", "target", "restorable_target", true),
                req("restorable_target", "resource_id", "String", true, "ID of the resource to which the backup is restored"),
                req("restorable_target", "resource_type", "String", true, "Type of the target to which the backup is"
                        + " restored, for example, OS::Nova::Server for an ECS"),
                req("restorable_target", "volumes", "List<restore_volume_mapping>", true,
                        "Disk mapping list for restoring an ECS."),
                req("restore_volume_mapping", "backup_id", "String", true, "Disk backup ID."),
                req("restore_volume_mapping", "volume_id", "String", true, "ID of the destination disk for the restoration"),
                resp("resource_capability_response", "protectable", "List<check_resp>", "Check result list"),
                resp("resource_capability_response", "restorable", "List<check_resp>", "Response parameter list"),
                resp("check_resp", "result", "Boolean", "Whether the resource can be backed up or restored.",
                        "Whether the resource can be restored."),
                resp("check_resp", "resource_type", "String", "Resource type", "OS::Nova::Server: The resource is an ECS.",
                        "OS::Ironic::BareMetalServer: The resource is a BMS."),
                resp("check_resp", "error_code", "String", "Error code. If an error occurs, a value is returned."),
                resp("check_resp", "error_msg", "String", "Error message, which will be returned if the VM is associated"
                        + " with a backup policy. If an error occurs, a value is returned.", "Error reason."),
                resp("check_resp", "resource_id", "String", "Resource ID"),
                // Creating a Restoration Task, Tables 2 to 11
                req("create_restoration_request", "restore", "restore_req", true),
                req("restore_req", "checkpoint_id", "String", true, "Backup record ID"),
                req("restore_req", "parameters", "restore_param", true),
                req("restore_req", "provider_id", "String", true, PROVIDER_ID_DESCRIPTION),
                req("restore_req", "restore_target", "String", false, "Restoration target"),
                req("restore_param", "checkpoint_item_id", "String", true, "Backup ID"),
                req("restore_param", "power_on", "Boolean", true, "Whether to instantly power on the VM after restoration",
                        "Whether to power on the VM after restoration"),
                req("restore_param", "targets", "restore_target", true),
                req("restore_target", "server_id", "String", true, "ID of the ECS to be restored"),
                req("restore_target", "volumes", "List<restore_volume_mapping>", true,
                        "List of the mappings between disk backups and target disks"),
                resp("create_restoration_response", "restore", "restore_resp"),
                resp("restore_resp", "id", "String", "Restoration ID"),
                resp("restore_resp", "checkpoint_id", "String", "Backup record ID"),
                resp("restore_resp", "parameters", "restore_param"),
                resp("restore_resp", "project_id", "String", "Project ID"),
                resp("restore_resp", "provider_id", "String", PROVIDER_ID_DESCRIPTION),
                resp("restore_resp", "resources_reason", "Object", "Cause of the resource restoration failure"),
                resp("restore_resp", "resources_status", "Object",
                        "Resource status after the resource is restored, for example, available"),
                resp("restore_resp", "restore_target", "String", "Restoration target"),
                resp("restore_resp", "status", "String", "Status"),
                // Querying Quotas, Tables 2 to 4
                resp("list_quotas_response", "quotas", "quota_resp"),
                resp("quota_resp", "resources", "List<quota_resources>", "Quota resources"),
                resp("quota_resources", "unit", "String", "Unit"),
                resp("quota_resources", "used", "Integer", "Used quota"),
                resp("quota_resources", "quota", "Integer", "Quota size"),
                resp("quota_resources", "type", "String", "backup_capacity specifies the backup storage capacity quota."
                        + " Value -1 indicates no restriction on the quota size.",
                        "backups specifies the number of retained backups."));
    }

    // ------------------------------------------------------------------ operations and parameters

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void isTheOperationOfThePage(Page page) {
        Operation operation = operation(page);
        assertThat(operation.getOperationId()).isEqualTo(page.operationId());
        assertThat(operation.getSummary()).isEqualTo(page.title());
        assertThat(operation.getTags()).containsExactly(page.tag());
        assertThat(operation.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsOnlyKeys("iam_token"));
        assertThat(operation.getParameters().stream().map(parameter -> Contract.resolve(spec, parameter))
                .map(Parameter::getName)).containsExactlyElementsOf(page.pathParameters());
        operation.getParameters().stream().map(parameter -> Contract.resolve(spec, parameter)).forEach(parameter -> {
            assertThat(parameter.getIn()).isEqualTo("path");
            assertThat(parameter.getRequired()).isTrue();
            if (!parameter.getName().equals("project_id") && !parameter.getName().equals("provider_id")) {
                assertThat(parameter.getSchema().getFormat()).as(parameter.getName()).isEqualTo("uuid");
            }
        });
        if (page.requestSchema() == null) {
            assertThat(operation.getRequestBody()).isNull();
        } else {
            assertThat(operation.getRequestBody().getRequired()).isTrue();
            assertThat(operation.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/" + page.requestSchema());
        }
    }

    @Test
    void describesTheFunctionOfEachPage() {
        assertThat(operation(CREATE_POLICY).getDescription())
                .startsWith("This API is used to create a backup policy to back up servers periodically.");
        assertThat(operation(UPDATE_POLICY).getDescription()).startsWith("This API is used to update a backup policy by ID.");
        assertThat(operation(DELETE_POLICY).getDescription()).startsWith("This API is used to delete a backup policy by ID.");
        assertThat(operation(BACKUP_RESOURCE).getDescription())
                .startsWith("This API is used to create a backup for a specified resource.");
        assertThat(normalize(operation(CHECK_CAPABILITY).getDescription())).contains(
                "This API is used to query whether a resource can be backed up.",
                "This API is used to check whether a target resource can be restored.",
                "`minProperties: 1`", "`maxProperties: 1`", "oneOf");
        assertThat(operation(CREATE_RESTORATION).getDescription())
                .startsWith("This API is used to perform backup-based restoration.");
        assertThat(operation(LIST_QUOTAS).getDescription()).startsWith("This API is used to query tenant quotas.");
    }

    // ------------------------------------------------------------------ table fields

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void transcribesTheField(Row row) {
        Schema<?> schema = spec.getComponents().getSchemas().get(row.schema());
        assertThat(schema).as(row.schema()).isNotNull();
        Schema<?> property = (Schema<?>) schema.getProperties().get(row.name());
        assertThat(property).as(row.toString()).isNotNull();
        Schema<?> target = Contract.resolve(spec, property);
        String description = property.getDescription() != null ? property.getDescription() : target.getDescription();
        assertThat(description).as("description of " + row).isNotBlank();
        row.description().forEach(paragraph -> assertThat(normalize(description)).as("description of " + row)
                .contains(normalize(paragraph)));
        switch (row.type()) {
            case "String" -> assertThat(target.getType()).isEqualTo("string");
            case "Integer" -> assertThat(target.getType()).isEqualTo("integer");
            case "Boolean" -> assertThat(target.getType()).isEqualTo("boolean");
            case "Object" -> {
                assertThat(target.getType()).isEqualTo("object");
                assertThat(target.getProperties()).isNullOrEmpty();
            }
            // A resource's extra_info: the documented string holding JSON, or the object the service may send.
            case "Dict" -> assertThat(target.getOneOf()).as("string or object").anySatisfy(alternative ->
                    assertThat(Contract.resolve(spec, alternative).getType()).isEqualTo("object"));
            default -> {
                if (row.type().startsWith("List<")) {
                    String item = row.type().substring("List<".length(), row.type().length() - 1);
                    assertThat(target.getType()).isEqualTo("array");
                    assertThat(target.getItems().get$ref()).isEqualTo("#/components/schemas/" + item);
                } else {
                    assertThat(property.get$ref()).isEqualTo("#/components/schemas/" + row.type());
                    assertThat(target.getType()).isEqualTo("object");
                }
            }
        }
        if (row.mandatory() != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            assertThat(required.contains(row.name())).as(row + " mandatory").isEqualTo(row.mandatory());
        }
    }

    @Test
    void everyRequestTableFieldAndNoOtherIsInTheSpec() {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        rows().filter(row -> row.mandatory() != null && !row.schema().equals("resource_tag"))
                .forEach(row -> documented.computeIfAbsent(row.schema(), key -> new ArrayList<>()).add(row.name()));
        documented.forEach((schemaName, fields) -> assertThat(
                spec.getComponents().getSchemas().get(schemaName).getProperties().keySet()).as(schemaName)
                .containsExactlyInAnyOrderElementsOf(fields));
    }

    @Test
    void fixedValuesAndLimits() {
        assertThat(enumOf("policy_create", "provider_id")).containsExactly(PROVIDER_ID);
        assertThat(enumOf("restore_req", "provider_id")).containsExactly(PROVIDER_ID);
        assertThat(enumOf("restore_resp", "provider_id")).containsExactly(PROVIDER_ID);
        assertThat(enumOf("operation_definition_req", "provider_id")).containsExactly(PROVIDER_ID);
        assertThat(enumOf("scheduled_operation_create", "operation_type")).containsExactly("backup");
        assertThat(enumOf("protect_param", "resource_type")).containsExactly("OS::Nova::Server");
        assertThat(property("protect_param", "resource_type").getDefault()).isEqualTo("OS::Nova::Server");
        assertThat(enumOf("check_resp", "resource_type"))
                .containsExactly("OS::Nova::Server", "OS::Ironic::BareMetalServer");
        assertThat(enumOf("quota_resources", "type")).containsExactly("backup_capacity", "backups");
        assertThat(property("quota_resources", "quota").getMinimum()).isEqualByComparingTo("-1");
        // No values on the pages' tables that a response would be held to: a string, values described.
        assertThat(enumOf("policy_resp", "status")).isNull();
        assertThat(enumOf("restore_resp", "status")).isNull();
        for (String[] tags : new String[][] {{"policy_create", "tags"}, {"protect_param", "tags"}}) {
            assertThat(property(tags[0], tags[1]).getMinItems()).isEqualTo(1);
            assertThat(property(tags[0], tags[1]).getMaxItems()).isEqualTo(10);
        }
        for (String[] name : new String[][] {{"policy_create", "name"}, {"policy_update", "name"},
                {"scheduled_operation_create", "name"}, {"scheduled_operation_update", "name"},
                {"protect_param", "backup_name"}}) {
            Schema<?> schema = property(name[0], name[1]);
            assertThat(schema.getMinLength()).as(String.join(".", name)).isEqualTo(1);
            assertThat(schema.getMaxLength()).as(String.join(".", name)).isEqualTo(255);
            assertThat("my-backup_policy1").matches(schema.getPattern());
            assertThat("my plan").doesNotMatch(schema.getPattern());
        }
        for (String[] text : new String[][] {{"policy_create", "description"}, {"policy_update", "description"},
                {"scheduled_operation_create", "description"}, {"scheduled_operation_update", "description"},
                {"protect_param", "description"}}) {
            Schema<?> schema = property(text[0], text[1]);
            assertThat(schema.getMaxLength()).as(String.join(".", text)).isEqualTo(255);
            assertThat("").matches(schema.getPattern());
            assertThat("a <b>").doesNotMatch(schema.getPattern());
        }
        for (String name : List.of("max_backups", "retention_duration_days")) {
            assertThat(property("operation_definition_req", name).getMinimum()).isEqualByComparingTo("-1");
            assertThat(property("operation_definition_req", name).getMaximum()).isEqualByComparingTo("99999");
        }
        assertThat(property("trigger_properties", "pattern").getMaxLength()).isEqualTo(10240);
        Schema<?> capability = spec.getComponents().getSchemas().get("resource_capability_request");
        assertThat(capability.getMinProperties()).isEqualTo(1);
        assertThat(capability.getMaxProperties()).isEqualTo(1);
        assertThat(capability.getOneOf()).isNull();
        for (String[] id : new String[][] {{"protectable_param", "resource_id"}, {"restorable_param", "checkpoint_item_id"},
                {"restorable_target", "resource_id"}, {"restore_volume_mapping", "backup_id"},
                {"restore_volume_mapping", "volume_id"}, {"restore_req", "checkpoint_id"},
                {"restore_param", "checkpoint_item_id"}, {"restore_target", "server_id"},
                {"scheduled_operation_update", "id"}, {"operation_definition_req", "plan_id"}}) {
            assertThat(property(id[0], id[1]).getFormat()).as(String.join(".", id)).isEqualTo("uuid");
        }
    }

    // ------------------------------------------------------------------ status codes and errors

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void listsEveryStatusCodeOfThePage(Page page) {
        Map<String, ApiResponse> responses = responses(page);
        Map<String, String> documented = Map.of("200", "OK", "400", "Invalid request parameters.",
                "401", "Authentication failed.", "403", "No operation permission.", "404", "Requested object not found.",
                "500", "Service internal error.", "503", "Service unavailable.");
        documented.forEach((status, description) ->
                assertThat(responses.get(status)).as(page + " " + status).isNotNull()
                        .satisfies(response -> assertThat(response.getDescription()).isEqualTo(description)));
        List<String> added = new ArrayList<>(responses.keySet());
        added.removeAll(documented.keySet());
        assertThat(added).containsExactlyInAnyOrderElementsOf(
                page.requestSchema() == null ? List.of("405", "406") : List.of("405", "406", "413", "415"));
        added.forEach(status -> assertThat(responses.get(status).getDescription()).contains("Not on the page"));
        if (page == DELETE_POLICY) {
            assertThat(responses.get("200").getContent()).as("the page documents no response body").isNull();
        } else {
            assertThat(responses.get("200").getContent().get("application/json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/" + page.responseSchema());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyErrorHasTheCsbsBodyAndDocumentedCodes(Page page) {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        responses(page).forEach((status, response) -> {
            if (!status.startsWith("2")) {
                MediaType json = response.getContent().get("application/json");
                assertThat(json.getSchema().get$ref()).as(status).isEqualTo("#/components/schemas/error_resp");
                List<JsonNode> examples = examplesOf(json);
                assertThat(examples).as(page + " " + status).isNotEmpty();
                examples.forEach(example -> assertValid(validator, example, "error_resp"));
                codes.put(status, examples.stream().map(example -> example.get("error_code").asText()).toList());
            }
        });
        assertThat(codes.get("400")).contains("CSBS.9001");
        assertThat(codes.get("401")).containsExactly("APIGW.0301");
        assertThat(codes.get("403")).containsOnly("CSBS.9009");
        assertThat(codes.get("404")).contains("APIGW.0101");
        assertThat(codes.get("500")).contains("CSBS.9999");
        assertThat(codes.get("503")).containsExactly("CSBS.9998");
        switch (page.operationId()) {
            case "createBackupPolicy" -> assertThat(codes.get("400"))
                    .contains("CSBS.0001", "CSBS.9007", "CSBS.6004", "CSBS.6003", "CSBS.7000");
            case "updateBackupPolicy" -> {
                assertThat(codes.get("400")).contains("CSBS.9007", "CSBS.6004");
                assertThat(codes.get("404")).contains("CSBS.3000");
                assertThat(codes.get("500")).contains("CSBS.5001");
            }
            case "deleteBackupPolicy" -> assertThat(codes.get("404")).contains("CSBS.3000");
            case "backupResource" -> assertThat(codes.get("400")).contains("CSBS.6000", "CSBS.6001", "CSBS.6003",
                    "CSBS.6005", "CSBS.6006", "CSBS.6007", "CSBS.6010", "CSBS.6027", "CSBS.6033", "CSBS.6061",
                    "CSBS.9006", "CSBS.7000");
            case "createRestoration" -> {
                assertThat(codes.get("400")).contains("CSBS.4000", "CSBS.2003", "CSBS.6013", "CSBS.6014", "CSBS.6015",
                        "CSBS.6016", "CSBS.6017", "CSBS.6018", "CSBS.6020", "CSBS.6021", "CSBS.6024", "CSBS.6025");
                assertThat(codes.get("404")).contains("CSBS.3001");
                assertThat(codes.get("500")).contains("CSBS.6019", "CSBS.6023");
            }
            default -> {
            }
        }
    }

    @Test
    void executingAPolicyDocumentsTheQuotaError() {
        assertThat(examplesOf(responses("/v1/{project_id}/providers/{provider_id}/checkpoints", PathItem.HttpMethod.POST)
                .get("400").getContent().get("application/json")))
                .anySatisfy(error -> assertThat(error.get("error_code").asText()).isEqualTo("CSBS.9006"));
    }

    // ------------------------------------------------------------------ examples

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void theExamplesFitTheirSchemas(Page page) {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        if (page.requestSchema() != null) {
            Object example = spec.getComponents().getSchemas().get(page.requestSchema()).getExample();
            assertThat(example).as(page + " example request").isNotNull();
            assertValid(validator, Json.mapper().valueToTree(example), page.requestSchema());
        }
        if (page.responseSchema() != null) {
            MediaType ok = responses(page).get("200").getContent().get("application/json");
            assertThat(ok.getExamples().keySet()).hasSize(page.exampleNames().size());
            for (String name : page.exampleNames()) {
                Example example = spec.getComponents().getExamples().get(name);
                assertThat(example).as(name).isNotNull();
                JsonNode value = Json.mapper().valueToTree(example.getValue());
                ValidationReport report = validator.validate(() -> value,
                        new Schema<>().$ref("#/components/schemas/" + page.responseSchema()), null);
                // trigger_id, in no table, is the only field the examples carry beyond the schema.
                assertThat(report.getMessages()).as("%s: %s", name, report.getMessages()).allSatisfy(message ->
                        assertThat(message.getMessage()).contains("trigger_id"));
            }
        }
    }

    @Test
    void theRestorableExampleRequestFitsItsField() {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        Schema<?> checkRestorable = property("resource_capability_request", "check_restorable");
        assertThat(checkRestorable.getExample()).isNotNull();
        JsonNode body = Json.mapper().createObjectNode().set("check_restorable",
                Json.mapper().valueToTree(checkRestorable.getExample()));
        assertValid(validator, body, "resource_capability_request");
        JsonNode both = ((com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy()).set("check_protectable",
                Json.mapper().valueToTree(spec.getComponents().getSchemas().get("resource_capability_request")
                        .getExample()).get("check_protectable"));
        assertThat(validator.validate(() -> both,
                new Schema<>().$ref("#/components/schemas/resource_capability_request"), null).getMessages())
                .as("both lists at once").isNotEmpty();
    }

    @Test
    void theFixedExamplesSayWhatTheyFixed() {
        assertThat(spec.getComponents().getExamples().get("create_backup_policy_documented_response").getDescription())
                .contains("not valid JSON", "\"20\"", "c714180d-ea34-4b13-9a5e-577c7c416eec", "suspended");
        assertThat(spec.getComponents().getExamples().get("update_backup_policy_documented_response").getDescription())
                .contains("not valid JSON", "\"False\"", "trigger");
        assertThat(spec.getComponents().getExamples().get("create_restoration_documented_response").getDescription())
                .contains("in_progress", "Dict");
        JsonNode created = Json.mapper().valueToTree(
                spec.getComponents().getExamples().get("create_backup_policy_documented_response").getValue());
        assertThat(created.at("/policy/status").asText()).isEqualTo("suspended");
        JsonNode restore = Json.mapper().valueToTree(
                spec.getComponents().getExamples().get("create_restoration_documented_response").getValue());
        assertThat(restore.at("/restore/resources_status").isObject()).isTrue();
        String info = normalize(spec.getInfo().getDescription());
        assertThat(info).contains("suspended", "`checkpoint_items_links`", "`policies_links`", "`fail_code_code`",
                "Change History", "checkResourceCapability", "Every POST, PUT and DELETE answers 200");
        pages().forEach(page -> assertThat(info).contains(page.operationId()));
    }

    // ------------------------------------------------------------------ helpers

    private static Operation operation(Page page) {
        Operation operation = spec.getPaths().get(page.path()).readOperationsMap().get(page.method());
        assertThat(operation).as(page.method() + " " + page.path()).isNotNull();
        return operation;
    }

    private static Map<String, ApiResponse> responses(Page page) {
        return responses(page.path(), page.method());
    }

    private static Map<String, ApiResponse> responses(String path, PathItem.HttpMethod method) {
        return Contract.responses(spec, spec.getPaths().get(path).readOperationsMap().get(method));
    }

    private static List<JsonNode> examplesOf(MediaType json) {
        return Contract.examplesOf(spec, json);
    }

    private static List<Object> enumOf(String schema, String name) {
        return Contract.enumOf(spec, schema, name);
    }

    private static Schema<?> property(String schema, String name) {
        return Contract.property(spec, schema, name);
    }

    private static void assertValid(SchemaValidator validator, JsonNode value, String schemaName) {
        ValidationReport report = validator.validate(() -> value,
                new Schema<>().$ref("#/components/schemas/" + schemaName), null);
        assertThat(report.getMessages()).as("%s against %s", value, schemaName).isEmpty();
    }

    private static String normalize(String text) {
        return Contract.normalize(text);
    }
}
