package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The six pages beside "Executing a Backup Policy" (SpecDocumentTest checks that one), page by page: every
 * table field with its type and description, every parameter with its mandatory flag, every status code,
 * fixed value and example, and the departures the spec documents.
 */
class ReferencePagesSpecTest {

    private static final String FIXED_PROVIDER_ID = CsbsSpec.PROVIDER_ID;
    private static final String PAGE_PROVIDER_ID = "c714180d-ea34-4b13-9a5e-577c7c416eec";
    private static final String PROVIDER_ID_DESCRIPTION = "Backup provider ID, which specifies whether the backup"
            + " object is a server or disk. This parameter has a fixed value. For CSBS, the value is "
            + FIXED_PROVIDER_ID + ".";
    private static final String TIMESTAMP_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$";
    private static final List<String> BACKUP_STATUSES = List.of("waiting_protect", "protecting", "available",
            "waiting_restore", "restoring", "error", "waiting_delete", "deleting", "deleted");

    private static OpenAPI spec;

    @BeforeAll
    static void parse() {
        spec = Contract.parsedSpecWithoutMessages();
    }

    // ------------------------------------------------------------------ the pages, as written

    /** A row of a parameter table: name, where, the Mandatory column, the Type column, the description's paragraphs. */
    record Param(String name, String in, boolean mandatory, String type, List<String> description) {
    }

    /** A row of a response table: the spec schema it belongs to, name, the Type column, the description's paragraphs. */
    record Field(String schema, String name, String type, List<String> description) {
    }

    /** One page: its operation, tables, status codes and example response. */
    record Page(String title, String path, PathItem.HttpMethod method, String operationId, String tag,
                List<String> function, List<String> exampleRequests, List<Param> parameters, List<Field> fields,
                Map<String, String> statuses, String responseSchema, String exampleName, String exampleResource) {

        @Override
        public String toString() {
            return title;
        }
    }

    private static Param param(String name, String in, boolean mandatory, String type, String... description) {
        return new Param(name, in, mandatory, type, List.of(description));
    }

    private static Field field(String schema, String name, String type, String... description) {
        return new Field(schema, name, type, List.of(description));
    }

    private static final Param PROJECT_ID = param("project_id", "path", true, "String", "Project ID");

    private static final Map<String, String> STATUSES = orderedMap(
            "200", "OK",
            "400", "Invalid request parameters.",
            "401", "Authentication failed.",
            "403", "No operation permission.",
            "404", "Requested object not found.",
            "500", "Service internal error.",
            "503", "Service unavailable.");

    /** "Querying a Single Backup" has no 503 and calls 500 "Service unavailable.". */
    private static final Map<String, String> SINGLE_BACKUP_STATUSES = orderedMap(
            "200", "OK",
            "400", "Invalid request parameters.",
            "401", "Authentication failed.",
            "403", "No operation permission.",
            "404", "Requested object not found.",
            "500", "Service unavailable.");

    private static List<Field> checkpointItemFields(String statusValues) {
        return List.of(
                field("checkpoint_item", "checkpoint_id", "String", "Backup record ID"),
                field("checkpoint_item", "created_at", "String", "Creation time, for example, 2017-04-18T01:21:52.701973"),
                field("checkpoint_item", "extend_info", "checkpoint_item_extend_info", "Extension information"),
                field("checkpoint_item", "id", "String", "Backup ID"),
                field("checkpoint_item", "name", "String", "Backup name"),
                field("checkpoint_item", "resource_id", "String", "Backup object ID"),
                field("checkpoint_item", "status", "String", "Backup status", statusValues),
                field("checkpoint_item", "updated_at", "String", "Modification time, for example, 2017-04-18T01:21:52.701973"),
                field("checkpoint_item", "backup_data", "backup_data", "VM metadata"),
                field("checkpoint_item", "description", "String", "Backup description"),
                field("checkpoint_item", "tags", "List<resource_tag>", "List of backup tags", "Keys in the tag list must be unique."),
                field("checkpoint_item", "resource_type", "String", "Backup object type"));
    }

    private static final List<Field> EXTEND_INFO = List.of(
            field("checkpoint_item_extend_info", "auto_trigger", "Boolean", "Whether automatic trigger is enabled"),
            field("checkpoint_item_extend_info", "average_speed", "Integer", "Average rate. The unit is kb/s"),
            field("checkpoint_item_extend_info", "copy_from", "String",
                    "The destination region of a backup replication. The value is left blank by default."),
            field("checkpoint_item_extend_info", "copy_status", "String", "Backup replication status. The default value is na.",
                    "Possible values are na, waiting_copy, copying, success, and fail."),
            field("checkpoint_item_extend_info", "fail_code", "fail_code", "Error code"),
            field("checkpoint_item_extend_info", "fail_op", "String", "Type of the failed operation", "Enum: [backup, restore, delete]"),
            field("checkpoint_item_extend_info", "fail_reason", "String", "Description of the failure cause"),
            field("checkpoint_item_extend_info", "image_type", "String", "Backup type, for example, backup"),
            field("checkpoint_item_extend_info", "incremental", "Boolean", "Whether the backup is an enhanced backup"),
            field("checkpoint_item_extend_info", "progress", "Integer",
                    "Backup progress. The value is an integer ranging from 0 to 100."),
            field("checkpoint_item_extend_info", "resource_az", "String", "AZ to which the backup resource belongs"),
            field("checkpoint_item_extend_info", "resource_name", "String", "Backup object name"),
            field("checkpoint_item_extend_info", "resource_type", "String", "Type of the backup object. For example, OS::Nova::Server"),
            field("checkpoint_item_extend_info", "size", "Integer", "Backup capacity. The unit is MB."),
            field("checkpoint_item_extend_info", "space_saving_ratio", "Integer", "Space saving rate"),
            field("checkpoint_item_extend_info", "volume_backups", "List<volume_backup>", "Disk backup list"),
            field("checkpoint_item_extend_info", "finished_at", "String",
                    "Backup completion time, for example, 2017-04-18T01:21:52.701973"),
            field("checkpoint_item_extend_info", "supported_restore_mode", "String",
                    "Restoration mode. Possible values are na, snapshot, and backup.",
                    "backup: Data is restored from backups of the disks of the server.",
                    "na: Restoration is not supported."),
            field("checkpoint_item_extend_info", "os_images_data", "List<image_data>",
                    "Image data. This parameter has a value if an image has been created for the VM."),
            field("checkpoint_item_extend_info", "support_lld", "Boolean", "Whether to allow lazyloading for fast restoration"),
            field("checkpoint_item_extend_info", "taskid", "String", "Job ID"),
            field("checkpoint_item_extend_info", "hypervisor_type", "String", "Virtualization type", "The value is fixed at QEMU."));

    private static List<Field> backupDataFields(String... cloudServiceType) {
        return List.of(
                field("backup_data", "__openstack_region_name", "String", "Name of the AZ where the server is located. If this"
                        + " parameter is left blank, such information about the server has not been obtained."),
                field("backup_data", "cloudservicetype", "String", cloudServiceType),
                field("backup_data", "disk", "Integer", "System disk size corresponding to the server specifications"),
                field("backup_data", "imagetype", "String", "Image type", "The value can be:", "gold: public image",
                        "private: private image", "market: market image"),
                field("backup_data", "ram", "Integer", "Memory size of the server, in MB"),
                field("backup_data", "vcpus", "Integer", "Number of vCPUs corresponding to the server"),
                field("backup_data", "eip", "String", "Elastic IP address of the server. If this parameter is left blank,"
                        + " such information about the server has not been obtained."),
                field("backup_data", "private_ip", "String", "Internal IP address of the server. If this parameter is left"
                        + " blank, such information about the server has not been obtained."));
    }

    private static final List<Field> IMAGE_DATA = List.of(field("image_data", "image_id", "String", "Image ID"));

    private static final List<Field> FAIL_CODE = List.of(
            field("fail_code", "Code", "Long or digits", "Error code"),
            field("fail_code", "Description", "String", "Error description"));

    private static final List<Field> VOLUME_BACKUP = List.of(
            field("volume_backup", "average_speed", "Integer", "Average rate, in MB/s"),
            field("volume_backup", "bootable", "Boolean", "Whether the disk functions as a system disk",
                    "The value can be true or false."),
            field("volume_backup", "id", "String", "Cinder backup ID"),
            field("volume_backup", "image_type", "String", "Backup set type", "Enum:[ backup]"),
            field("volume_backup", "incremental", "Boolean", "Whether incremental backup is used"),
            field("volume_backup", "name", "String", "Disk backup name"),
            field("volume_backup", "size", "Integer", "Accumulated size (MB) of backups"),
            field("volume_backup", "source_volume_id", "String", "Source disk ID"),
            field("volume_backup", "source_volume_size", "Integer", "Source disk size in GB"),
            field("volume_backup", "space_saving_ratio", "Integer", "Space saving rate"),
            field("volume_backup", "status", "String", "Status"),
            field("volume_backup", "source_volume_name", "String", "Source disk name"),
            field("volume_backup", "snapshot_id", "String", "ID of the snapshot from which the backup is generated"));

    private static final List<Field> RESOURCE_TAG = List.of(
            field("resource_tag", "key", "String", "Tag key", "It consists of up to 36 characters.",
                    "It cannot be an empty string.",
                    "It can contain only letters, digits, hyphens (-), and underscores (_)."),
            field("resource_tag", "value", "String", "Tag value", "It consists of up to 43 characters.",
                    "It can be an empty string.",
                    "It can contain only letters, digits, hyphens (-), and underscores (_)."));

    private static final String POLICY_DESCRIPTION_RULE = "The value consists of 0 to 255 characters and must not"
            + " contain a greater-than sign (>) or less-than sign (<).";
    private static final String POLICY_NAME_RULE = "The value consists of 1 to 255 characters and can contain only"
            + " letters, digits, underscores (_), and hyphens (-).";

    private static List<Field> policyFields(String startTime) {
        List<Field> fields = new ArrayList<>(List.of(
                field("policy_resp", "created_at", "String", "Creation time, for example, 2017-04-18T01:21:52.701973"),
                field("policy_resp", "description", "String", "Backup policy description", POLICY_DESCRIPTION_RULE),
                field("policy_resp", "id", "String", "Backup policy ID"),
                field("policy_resp", "name", "String", "Backup policy name", POLICY_NAME_RULE),
                field("policy_resp", "parameters", "policy_param", "Parameters of a backup policy"),
                field("policy_resp", "project_id", "String", "Project ID"),
                field("policy_resp", "provider_id", "String", PROVIDER_ID_DESCRIPTION),
                field("policy_resp", "resources", "List<resource>", "Backup object list"),
                field("policy_resp", "scheduled_operations", "List<scheduled_operation_resp>", "Scheduling period list"),
                field("policy_resp", "status", "String", "Backup policy status"),
                field("policy_resp", "tags", "List<resource_tag>", "Tag list", "Keys in the tag list must be unique."),
                field("policy_param", "common", "common_param", "General backup policy parameters, which are blank by default"),
                field("resource", "id", "String", "Backup object ID"),
                field("resource", "type", "String", "Entity object type of backup objects",
                        "The value is fixed at OS::Nova::Server (ECSs)."),
                field("resource", "name", "String", "Backup object name"),
                field("resource", "extra_info", "Dict", "Additional information about the backup object"),
                field("scheduled_operation_resp", "description", "String", "Scheduling period description",
                        POLICY_DESCRIPTION_RULE),
                field("scheduled_operation_resp", "enabled", "Boolean", "Whether the scheduling period is enabled",
                        "The default value is true. If it is set to false, automatic scheduling is disabled but manual"
                                + " scheduling is supported."),
                field("scheduled_operation_resp", "name", "String", "Scheduling period name", POLICY_NAME_RULE),
                field("scheduled_operation_resp", "operation_type", "String", "Operation type", "Enumeration values: backup"),
                field("scheduled_operation_resp", "operation_definition", "operation_definition", "Scheduling period parameters"),
                field("scheduled_operation_resp", "trigger", "trigger_resp", "Scheduling policy"),
                field("scheduled_operation_resp", "id", "String", "Scheduling period ID"),
                field("operation_definition", "max_backups", "Integer", "Maximum number of backups that can be automatically"
                        + " created for a backup object. The value can be -1 or ranges from 0 to 99999. If the value is set"
                        + " to -1, backups will not be cleared by quantity limit."),
                field("operation_definition", "retention_duration_days", "Integer", "Duration of retaining a backup, in days."
                        + " The value can be -1 or ranges from 0 to 99999. If the value is set to -1, backups will not be"
                        + " cleared by retention duration."),
                field("operation_definition", "permanent", "Boolean", "Whether backups are permanently retained"),
                field("operation_definition", "plan_id", "String", "Backup policy ID"),
                field("operation_definition", "provider_id", "String", PROVIDER_ID_DESCRIPTION),
                field("trigger_resp", "properties", "trigger_properties_resp", "Scheduler properties"),
                field("trigger_resp", "id", "String", "Scheduler ID"),
                field("trigger_resp", "name", "String", "Scheduler name"),
                field("trigger_resp", "type", "String", "Scheduling type"),
                field("trigger_properties_resp", "pattern", "String", "Scheduling policy of the scheduler",
                        "The value consists of a maximum of 10,240 characters. The scheduling policy complies with"
                                + " iCalendar RFC 2445, but it supports only four parameters, which are FREQ, BYDAY, BYHOUR,"
                                + " and BYMINUTE. FREQ can be set to WEEKLY and DAILY, BYDAY can be set to MO, TU, WE, TH, FR,"
                                + " SA, and SU (seven days of a week), BYHOUR ranges from 0 hours to 23 hours, and BYMINUTE"
                                + " ranges from 0 minutes to 59 minutes. The scheduling interval must not be less than 1"
                                + " hour. A maximum of 24 time points are allowed in a day."),
                field("trigger_properties_resp", "start_time", "String", startTime),
                field("trigger_properties_resp", "format", "String", "Scheduler type")));
        fields.addAll(RESOURCE_TAG);
        return fields;
    }

    private static List<Field> concat(List<Field> first, List<?>... more) {
        List<Field> all = new ArrayList<>(first);
        for (List<?> list : more) {
            list.forEach(element -> all.add((Field) element));
        }
        return all;
    }

    static final Page DELETE_BACKUP = new Page("Deleting a Backup",
            "/v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}", PathItem.HttpMethod.DELETE,
            "deleteBackup", "backup",
            List.of("This API is used to delete a backup.",
                    "The deletion operation is asynchronous. Tasks will be queued depending on the background task"
                            + " execution status. Therefore, the deletion will not be completed immediately. You need to"
                            + " query the task information continuously to obtain the deletion result. A maximum of 30"
                            + " minutes is required.",
                    "For example, a user can execute a maximum of five backup deletion tasks concurrently. If the number"
                            + " exceeds five, the sixth and subsequent tasks are queued."),
            List.of("Deleting all backups in the specified backup record:",
                    "DELETE https://{endpoint}/v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}",
                    "Deleting a single backup in the specified backup record:",
                    "DELETE https://{endpoint}/v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}"
                            + "?checkpoint_items={checkpoint_items_id}"),
            List.of(PROJECT_ID,
                    param("provider_id", "path", true, "String", PROVIDER_ID_DESCRIPTION),
                    param("checkpoint_id", "path", true, "String", "Backup record ID"),
                    param("checkpoint_items", "query", false, "String", "Indicates the ID list of the backup records to be"
                            + " deleted. If this parameter is not set, all backup records of checkpoint will be deleted.")),
            List.of(),
            STATUSES, "delete_backup_response", "delete_backup_documented_response", "delete_backup-response.json");

    static final Page GET_BACKUP = new Page("Querying a Single Backup",
            "/v1/{project_id}/checkpoint_items/{checkpoint_item_id}", PathItem.HttpMethod.GET, "getBackup", "backup",
            List.of("This API is used to query a single backup by ID."),
            List.of("GET https://{endpoint}/v1/{project_id}/checkpoint_items/{checkpoint_item_id}"),
            List.of(PROJECT_ID, param("checkpoint_item_id", "path", true, "String", "Backup ID")),
            concat(List.of(field("get_backup_response", "checkpoint_item", "checkpoint_item", "For details, see Table 3.")),
                    checkpointItemFields("Value range: waiting_protect, protecting, available, waiting_restore, restoring,"
                            + " error, waiting_delete, deleting, and deleted"),
                    EXTEND_INFO, backupDataFields("Server type", "The value is fixed at server (ECSs)."), IMAGE_DATA,
                    FAIL_CODE, VOLUME_BACKUP, RESOURCE_TAG),
            SINGLE_BACKUP_STATUSES, "get_backup_response", "get_backup_documented_response", "get_backup-response.json");

    private static final String STATUS_FILTER = "Query based on field status is supported.";
    private static final String STATUS_RANGE = "Value range: waiting_protect, protecting, available, waiting_restore,"
            + " restoring, error, waiting_delete, deleting, and deleted";
    private static final String ALL_TENANTS = "Whether to query the backups of all tenants. Only administrators can query"
            + " the backups of all tenants.";
    private static final String LIMIT = "Number of resources displayed per page. The value must be a positive integer."
            + " The value defaults to 1000.";
    private static final String OFFSET = "Offset value, which is a positive integer.";

    static final Page LIST_BACKUPS = new Page("Querying All Backups",
            "/v1/{project_id}/checkpoint_items", PathItem.HttpMethod.GET, "listBackups", "backup",
            List.of("This API is used to query all backups. Filtering parameters are supported."),
            List.of("Querying all backups:", "GET https://{endpoint}/v1/{project_id}/checkpoint_items",
                    "Querying backups with specified parameters:",
                    "GET https://{endpoint}/v1/{project_id}/checkpoint_items?name=backup&status=error&limit=2"),
            List.of(PROJECT_ID,
                    param("status", "query", false, "String", STATUS_FILTER, STATUS_RANGE),
                    param("limit", "query", false, "Integer", LIMIT),
                    param("marker", "query", false, "String", "ID of the last record displayed on the previous page"),
                    param("sort", "query", false, "String", "A group of properties separated by commas (,) and sorting"
                            + " directions. The value format is <key1>[:<direction>],<key2>[:<direction>], where the value"
                            + " of direction is asc (in ascending order) or desc (in descending order). If the parameter"
                            + " direction is not specified, the default sorting direction is desc. The value of sort"
                            + " contains a maximum of 255 characters. Enumeration values of the key are as follows:"
                            + " created_at, updated_at, name, status, protected_at, and id."),
                    param("all_tenants", "query", false, "Boolean", ALL_TENANTS),
                    param("name", "query", false, "String", "Fuzzy search based on field name is supported."),
                    param("az", "query", false, "String", "Filtering based on the backup AZ is supported."),
                    param("resource_id", "query", false, "String", "Filtering based on the backup object ID is supported."),
                    param("resource_name", "query", false, "String",
                            "Fuzzy search based on the backup object name is supported."),
                    param("start_time", "query", false, "String", "Filtering based on the backup start time is supported.",
                            "For example: 2017-04-18T01:21:52.701973"),
                    param("end_time", "query", false, "String", "Filtering based on the backup end time is supported.",
                            "For example: 2017-04-18T01:21:52.701973"),
                    param("image_type", "query", false, "String", "Supports filtering by image type, for example, backup."),
                    param("policy_id", "query", false, "String", "Filtering based on policy_id is supported."),
                    param("offset", "query", false, "Integer", OFFSET),
                    param("checkpoint_id", "query", false, "String", "Filtering based on checkpoint_id is supported."),
                    param("resource_type", "query", false, "String",
                            "Type of the backup object. For example, OS::Nova::Server")),
            concat(List.of(field("list_backups_response", "checkpoint_items", "List<checkpoint_item>", "-")),
                    checkpointItemFields("The value can be waiting_protect, protecting, available, waiting_restore,"
                            + " restoring, error, waiting_delete, deleting, or deleted."),
                    EXTEND_INFO, IMAGE_DATA, backupDataFields("Server type"), FAIL_CODE, VOLUME_BACKUP, RESOURCE_TAG),
            STATUSES, "list_backups_response", "list_backups_documented_response", "list_backups-response.json");

    static final Page COUNT_BACKUPS = new Page("Querying the Number of Backups",
            "/v1/{project_id}/checkpoint_items/count", PathItem.HttpMethod.GET, "countBackups", "backup",
            List.of("This API is used to query the number of backups. Filtering parameters are supported."),
            List.of("Querying the total number of backups:", "GET https://{endpoint}/v1/{project_id}/checkpoint_items/count",
                    "Querying the number of backups with certain conditions:",
                    "GET https://{endpoint}/v1/{project_id}/checkpoint_items/count?status=error"),
            List.of(PROJECT_ID,
                    param("status", "query", false, "String", STATUS_FILTER, STATUS_RANGE),
                    param("all_tenants", "query", false, "Boolean", ALL_TENANTS),
                    param("name", "query", false, "String", "Supports query by backup name."),
                    param("az", "query", false, "String", "AZ-based filtering is supported."),
                    param("resource_id", "query", false, "String", "Filtering based on the backup object ID is supported."),
                    param("resource_name", "query", false, "String", "Filtering based on the backup object name is supported."),
                    param("start_time", "query", false, "String", "Filtering based on the backup time is supported. This is"
                            + " the backup start time. For example, 2017-04-15T04:25:38"),
                    param("end_time", "query", false, "String", "Filtering based on the backup time is supported. This is"
                            + " the backup end time. For example, 2017-04-15T04:25:38"),
                    param("image_type", "query", false, "String", "Supports filtering by backup image type. This parameter"
                            + " can be used only when images are created using backups. The image type can be obtained"
                            + " from Image Management Service."),
                    param("policy_id", "query", false, "String", "Filtering based on policy_id is supported."),
                    param("ip", "query", false, "String", "Searching based on the VM's IP address is supported."),
                    param("checkpoint_id", "query", false, "String", "Filtering based on checkpoint_id is supported."),
                    param("resource_type", "query", false, "String",
                            "Type of the backup object. For example, OS::Nova::Server")),
            List.of(field("count_backups_response", "count", "Integer", "Number of backups")),
            STATUSES, "count_backups_response", "count_backups_documented_response", "count_backups-response.json");

    static final Page GET_BACKUP_POLICY = new Page("Querying a Backup Policy",
            "/v1/{project_id}/policies/{policy_id}", PathItem.HttpMethod.GET, "getBackupPolicy", "policy",
            List.of("This API is used to query a backup policy by ID."),
            List.of("GET https://{endpoint}/v1/{project_id}/policies/{policy_id}"),
            List.of(PROJECT_ID, param("policy_id", "path", true, "String", "Backup policy ID")),
            concat(List.of(field("get_backup_policy_response", "policy", "policy_resp", "Query response")),
                    policyFields("Scheduler start time, for example, 2017-04-18T01:21:52.701973")),
            STATUSES, "get_backup_policy_response", "get_backup_policy_documented_response",
            "get_backup_policy-response.json");

    static final Page LIST_BACKUP_POLICIES = new Page("Querying the Backup Policy List",
            "/v1/{project_id}/policies", PathItem.HttpMethod.GET, "listBackupPolicies", "policy",
            List.of("This API is used to query the backup policy list. Filtering parameters are supported."),
            List.of("Querying all backup policies:", "GET https://{endpoint}/v1/{project_id}/policies",
                    "Querying backup policies with certain conditions:",
                    "GET https://{endpoint}/v1/{project_id}/policies?sort=created_at%3Aasc&limit=3&offset=3"),
            List.of(PROJECT_ID,
                    param("limit", "query", false, "Integer", LIMIT),
                    param("marker", "query", false, "String",
                            "ID of the last record displayed on the previous page when pagination query is applied"),
                    param("sort", "query", false, "String", "The value of sort is a group of properties separated by"
                            + " commas (,) and sorting directions. The value format is <key1>[:<direction>],<key2>"
                            + "[:<direction>], where the value of direction is asc (in ascending order) or desc (in"
                            + " descending order). If the parameter direction is not specified, backup policies are sorted"
                            + " in descending order by time. The value of sort contains a maximum of 255 characters."),
                    param("name", "query", false, "String", "Exact matching based on field name"),
                    param("all_tenants", "query", false, "Boolean", "Whether backup policies of all tenants can be queried",
                            "This parameter is only available for administrators."),
                    param("offset", "query", false, "Integer", OFFSET)),
            concat(List.of(field("list_backup_policies_response", "policies", "List<policy_resp>",
                            "For details, see the policy_resp field description.")),
                    policyFields("Start time of the scheduler, for example, 2017-03-07 09:31:08")),
            STATUSES, "list_backup_policies_response", "list_backup_policies_documented_response",
            "list_backup_policies-response.json");

    static Stream<Page> pages() {
        return Stream.of(DELETE_BACKUP, GET_BACKUP, LIST_BACKUPS, COUNT_BACKUPS, GET_BACKUP_POLICY, LIST_BACKUP_POLICIES);
    }

    static Stream<Arguments> pageFields() {
        return pages().flatMap(page -> page.fields().stream().map(field -> Arguments.of(page, field)));
    }

    static Stream<Arguments> pageParameters() {
        return pages().flatMap(page -> page.parameters().stream().map(parameter -> Arguments.of(page, parameter)));
    }

    // ------------------------------------------------------------------ operations

    @Test
    void hasTheTwentySixOperationsOnTheirPaths() {
        Map<String, String> operationIds = new LinkedHashMap<>();
        spec.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operationIds.put(method + " " + path, operation.getOperationId())));
        assertThat(operationIds).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("POST /v1/{project_id}/providers/{provider_id}/checkpoints", "executeBackupPolicy"),
                Map.entry("DELETE /v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}", "deleteBackup"),
                Map.entry("GET /v1/{project_id}/checkpoint_items/{checkpoint_item_id}", "getBackup"),
                Map.entry("GET /v1/{project_id}/checkpoint_items", "listBackups"),
                Map.entry("GET /v1/{project_id}/checkpoint_items/count", "countBackups"),
                Map.entry("GET /v1/{project_id}/policies/{policy_id}", "getBackupPolicy"),
                Map.entry("GET /v1/{project_id}/policies", "listBackupPolicies"),
                Map.entry("POST /v1/{project_id}/policies", "createBackupPolicy"),
                Map.entry("PUT /v1/{project_id}/policies/{policy_id}", "updateBackupPolicy"),
                Map.entry("DELETE /v1/{project_id}/policies/{policy_id}", "deleteBackupPolicy"),
                Map.entry("POST /v1/{project_id}/providers/{provider_id}/resources/{resource_id}/action", "backupResource"),
                Map.entry("POST /v1/{project_id}/providers/{provider_id}/resources/action", "checkResourceCapability"),
                Map.entry("POST /v1/{project_id}/restores", "createRestoration"),
                Map.entry("GET /v1/{project_id}/quotas", "listQuotas"),
                Map.entry("POST /v1/{project_id}/csbs_backup_policy/{resource_id}/tags", "addPolicyTag"),
                Map.entry("POST /v1/{project_id}/csbs_backup/{resource_id}/tags", "addBackupTag"),
                Map.entry("POST /v1/{project_id}/csbs_backup_policy/{resource_id}/tags/action", "batchUpdatePolicyTags"),
                Map.entry("POST /v1/{project_id}/csbs_backup/{resource_id}/tags/action", "batchUpdateBackupTags"),
                Map.entry("DELETE /v1/{project_id}/csbs_backup_policy/{resource_id}/tags/{key}", "deletePolicyTag"),
                Map.entry("DELETE /v1/{project_id}/csbs_backup/{resource_id}/tags/{key}", "deleteBackupTag"),
                Map.entry("GET /v1/{project_id}/csbs_backup_policy/{resource_id}/tags", "listPolicyTags"),
                Map.entry("GET /v1/{project_id}/csbs_backup/{resource_id}/tags", "listBackupTags"),
                Map.entry("GET /v1/{project_id}/csbs_backup_policy/tags", "listProjectPolicyTags"),
                Map.entry("GET /v1/{project_id}/csbs_backup/tags", "listProjectBackupTags"),
                Map.entry("POST /v1/{project_id}/csbs_backup_policy/resource_instances/action", "queryPoliciesByTags"),
                Map.entry("POST /v1/{project_id}/csbs_backup/resource_instances/action", "queryBackupsByTags")));
    }

    @Test
    void tagsThePolicyOperationsPolicyAndTheBackupOperationsBackup() {
        assertThat(spec.getTags()).extracting(Tag::getName).containsExactly("backup", "policy", "resource", "restore", "quota", "tag");
        assertThat(spec.getTags()).allSatisfy(tag -> assertThat(tag.getDescription()).isNotBlank());
        pages().forEach(page -> assertThat(operation(page).getTags()).as(page.title()).containsExactly(page.tag()));
    }

    @Test
    void everyOperationRequiresTheIamToken() {
        List<Operation> operations = new ArrayList<>();
        spec.getPaths().values().forEach(item -> operations.addAll(item.readOperations()));
        assertThat(operations).hasSize(26).allSatisfy(operation -> {
            assertThat(operation.getSecurity()).as(operation.getOperationId()).hasSize(1);
            assertThat(operation.getSecurity().get(0)).as(operation.getOperationId()).containsOnlyKeys("iam_token");
        });
        assertThat(spec.getComponents().getSecuritySchemes().get("iam_token").getName()).isEqualTo("X-Auth-Token");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void describesTheOperationAsThePageDoes(Page page) {
        Operation operation = operation(page);
        assertThat(operation.getOperationId()).isEqualTo(page.operationId());
        assertThat(operation.getSummary()).isEqualTo(page.title());
        assertThat(normalize(operation.getDescription())).startsWith(normalize(page.function().get(0)));
        page.function().forEach(paragraph -> assertThat(normalize(operation.getDescription())).contains(normalize(paragraph)));
        page.exampleRequests().forEach(line -> assertThat(operation.getDescription()).as("example request").contains(line));
    }

    @Test
    void groupsTheParametersOfTheListsForTheJavaClient() {
        Set<String> grouped = new HashSet<>();
        pages().forEach(page -> {
            Map<String, Object> extensions = operation(page).getExtensions();
            if (extensions != null && Boolean.TRUE.equals(extensions.get("x-group-parameters"))) {
                grouped.add(page.operationId());
            }
        });
        assertThat(grouped).containsExactlyInAnyOrder("listBackups", "countBackups", "listBackupPolicies");
    }

    // ------------------------------------------------------------------ parameters

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pageParameters")
    void transcribesTheParameter(Page page, Param row) {
        Parameter parameter = parameter(page, row.name());
        assertThat(parameter).as(row.name()).isNotNull();
        assertThat(parameter.getIn()).isEqualTo(row.in());
        assertThat(Boolean.TRUE.equals(parameter.getRequired())).as("mandatory").isEqualTo(row.mandatory());
        row.description().forEach(paragraph -> assertThat(normalize(parameter.getDescription())).contains(normalize(paragraph)));
        Schema<?> schema = parameter.getSchema();
        switch (row.type()) {
            case "Integer" -> assertThat(schema.getType()).isEqualTo("integer");
            case "Boolean" -> assertThat(schema.getType()).isEqualTo("boolean");
            case "String" -> {
                if ("checkpoint_items".equals(row.name())) {
                    // A departure the spec documents: a list of backup IDs, comma-separated.
                    assertThat(schema.getType()).isEqualTo("array");
                    assertThat(schema.getItems().getType()).isEqualTo("string");
                } else {
                    assertThat(schema.getType()).isEqualTo("string");
                }
            }
            default -> throw new AssertionError("no such page type " + row.type());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void hasThePagesParametersAndNoOther(Page page) {
        List<String> expected = new ArrayList<>(page.parameters().stream().map(Param::name).toList());
        if (page == LIST_BACKUPS) {
            // A departure the spec documents: the ip filter of the count, which the Go SDK sends to the listing too.
            expected.add("ip");
        }
        assertThat(operation(page).getParameters().stream().map(ReferencePagesSpecTest::resolve).map(Parameter::getName))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void idsInPathsAndFiltersAreUuids() {
        for (Page page : List.of(DELETE_BACKUP, GET_BACKUP, GET_BACKUP_POLICY, LIST_BACKUPS, COUNT_BACKUPS, LIST_BACKUP_POLICIES)) {
            for (String name : List.of("checkpoint_id", "checkpoint_item_id", "policy_id", "resource_id", "marker")) {
                Parameter parameter = parameter(page, name);
                if (parameter != null) {
                    assertThat(parameter.getSchema().getType()).as(page + " " + name).isEqualTo("string");
                    assertThat(parameter.getSchema().getFormat()).as(page + " " + name).isEqualTo("uuid");
                }
            }
        }
        assertThat(parameter(DELETE_BACKUP, "project_id").getSchema().getFormat()).isNull();
    }

    @Test
    void checkpointItemsIsACommaSeparatedListOfBackupIds() {
        Parameter parameter = parameter(DELETE_BACKUP, "checkpoint_items");
        assertThat(parameter.getStyle()).isEqualTo(Parameter.StyleEnum.FORM);
        assertThat(parameter.getExplode()).isFalse();
        // No minItems: an absent parameter is an empty list to JAX-RS, and means "every backup".
        assertThat(parameter.getSchema().getMinItems()).isNull();
        assertThat(parameter.getSchema().getItems().getFormat()).isEqualTo("uuid");
        assertThat(parameter.getDescription()).contains("The page types it String");
    }

    @Test
    void listAndCountShareTheFiltersThePagesDescribeAlike() {
        Map<String, String> list = parameterRefs(LIST_BACKUPS);
        Map<String, String> count = parameterRefs(COUNT_BACKUPS);
        Map<String, String> policies = parameterRefs(LIST_BACKUP_POLICIES);
        for (String alike : List.of("status", "all_tenants", "resource_id", "policy_id", "checkpoint_id", "resource_type")) {
            assertThat(list.get(alike)).as(alike).isNotNull().isEqualTo(count.get(alike));
        }
        for (String different : List.of("name", "az", "resource_name", "start_time", "end_time", "image_type")) {
            assertThat(list.get(different)).as(different).isNotNull().isNotEqualTo(count.get(different));
        }
        for (String alike : List.of("limit", "offset")) {
            assertThat(list.get(alike)).as(alike).isNotNull().isEqualTo(policies.get(alike));
        }
        for (String different : List.of("marker", "sort", "name", "all_tenants")) {
            assertThat(list.get(different)).as(different).isNotNull().isNotEqualTo(policies.get(different));
        }
        assertThat(count).containsKey("ip");
        assertThat(list).containsKey("ip");
        assertThat(list.get("ip")).isNotEqualTo(count.get("ip"));
    }

    @Test
    void queryParameterSchemas() {
        assertThat(parameter(LIST_BACKUPS, "status").getSchema().getEnum()).containsExactlyElementsOf(BACKUP_STATUSES);
        for (Page page : List.of(LIST_BACKUPS, LIST_BACKUP_POLICIES)) {
            Schema<?> limit = parameter(page, "limit").getSchema();
            assertThat(limit.getMinimum()).isEqualByComparingTo("1");
            assertThat(limit.getDefault()).isEqualTo(1000);
            assertThat(parameter(page, "offset").getSchema().getMinimum()).isEqualByComparingTo("0");
            assertThat(parameter(page, "sort").getSchema().getMaxLength()).isEqualTo(255);
            assertThat(parameter(page, "all_tenants").getSchema().getType()).isEqualTo("boolean");
        }
        String createdAtPattern = property("checkpoint_resp", "created_at").getPattern();
        assertThat(createdAtPattern).isEqualTo(TIMESTAMP_PATTERN);
        for (Page page : List.of(LIST_BACKUPS, COUNT_BACKUPS)) {
            for (String name : List.of("start_time", "end_time")) {
                String pattern = parameter(page, name).getSchema().getPattern();
                assertThat(pattern).as(page + " " + name).isEqualTo(createdAtPattern);
                assertThat("2017-04-18T01:21:52.701973").matches(pattern);
                assertThat("2017-04-15T04:25:38").matches(pattern);
                assertThat("2017-04-15 04:25:38").doesNotMatch(pattern);
            }
            for (String name : List.of("name", "az", "resource_name", "image_type", "resource_type")) {
                Schema<?> schema = parameter(page, name).getSchema();
                assertThat(schema.getType()).as(page + " " + name).isEqualTo("string");
                assertThat(schema.getFormat()).as(page + " " + name).isNull();
                assertThat(schema.getEnum()).as(page + " " + name).isNull();
            }
        }
        assertThat(parameter(COUNT_BACKUPS, "ip").getSchema().getType()).isEqualTo("string");
        assertThat(parameter(LIST_BACKUPS, "ip").getSchema().getType()).isEqualTo("string");
        assertThat(parameter(LIST_BACKUPS, "ip").getRequired()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void backupSortTakesTheKeysThePageEnumerates() {
        Pattern sort = Pattern.compile(parameter(LIST_BACKUPS, "sort").getSchema().getPattern());
        for (String key : List.of("created_at", "updated_at", "name", "status", "protected_at", "id")) {
            assertThat(sort.matcher(key).matches()).as(key).isTrue();
            assertThat(sort.matcher(key + ":asc").matches()).as(key).isTrue();
            assertThat(sort.matcher(key + ":desc").matches()).as(key).isTrue();
        }
        assertThat(sort.matcher("name:asc,created_at,id:desc").matches()).isTrue();
        for (String refused : List.of("", "resource_id", "checkpoint_id", "created_at:up", "created_at,", ",name",
                "name:asc:desc", "name asc", "Name", "created_at;id", "policy_id")) {
            assertThat(sort.matcher(refused).matches()).as("'%s'", refused).isFalse();
        }
        assertThat(parameter(LIST_BACKUPS, "sort").getDescription())
                .contains("Enumeration values of the key are as follows: created_at, updated_at,", "protected_at",
                        "created_at:desc", "ties are broken by id");
    }

    @Test
    void policySortTakesTheStubsKeys() {
        Pattern sort = Pattern.compile(parameter(LIST_BACKUP_POLICIES, "sort").getSchema().getPattern());
        for (String key : List.of("created_at", "name", "id", "status")) {
            assertThat(sort.matcher(key + ":asc").matches()).as(key).isTrue();
            assertThat(sort.matcher(key).matches()).as(key).isTrue();
        }
        assertThat(sort.matcher("created_at:asc,id").matches()).isTrue();
        for (String refused : List.of("", "updated_at", "protected_at", "created_at:up", "created_at,")) {
            assertThat(sort.matcher(refused).matches()).as("'%s'", refused).isFalse();
        }
        assertThat(parameter(LIST_BACKUP_POLICIES, "sort").getDescription())
                .contains("the stub's choice", "created_at:desc", "ties are broken by id");
    }

    @Test
    void parameterDescriptionsSayWhatTheStubDoes() {
        for (Page page : List.of(LIST_BACKUPS, COUNT_BACKUPS)) {
            assertThat(parameter(page, "name").getDescription()).as(page + " name")
                    .containsIgnoringCase("fuzzy").contains("ignoring case");
            assertThat(parameter(page, "resource_name").getDescription()).as(page + " resource_name")
                    .containsIgnoringCase("fuzzy").contains("ignoring case");
            assertThat(parameter(page, "start_time").getDescription()).contains("at or after", "created_at, inclusive");
            assertThat(parameter(page, "end_time").getDescription()).contains("at or before", "created_at, inclusive");
            assertThat(parameter(page, "all_tenants").getDescription()).contains("not an administrator's", "403 CSBS.9009");
        }
        for (Page page : List.of(LIST_BACKUPS, LIST_BACKUP_POLICIES)) {
            assertThat(parameter(page, "marker").getDescription()).contains("last", "400 CSBS.9001");
            assertThat(parameter(page, "offset").getDescription()).contains("0", "no offset");
            assertThat(parameter(page, "all_tenants").getDescription()).contains("403 CSBS.9009");
        }
        assertThat(parameter(COUNT_BACKUPS, "ip").getDescription()).contains("Querying All Backups does not");
        assertThat(normalize(parameter(LIST_BACKUPS, "ip").getDescription()))
                .contains("Searching based on the VM's IP address is supported.", "Go SDK", "same meaning");
    }

    @Test
    void everyParameterExampleFitsItsSchema() {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        int checked = 0;
        for (Parameter parameter : spec.getComponents().getParameters().values()) {
            assertThat(parameter.getExample()).as(parameter.getName()).isNotNull();
            assertValid(validator, Json.mapper().valueToTree(parameter.getExample()), parameter.getSchema());
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    // ------------------------------------------------------------------ response fields

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pageFields")
    void transcribesTheField(Page page, Field row) {
        Schema<?> schema = spec.getComponents().getSchemas().get(row.schema());
        assertThat(schema).as(row.schema()).isNotNull();
        Schema<?> property = schema.getProperties().get(row.name());
        assertThat(property).as(row.schema() + "." + row.name()).isNotNull();
        Schema<?> target = resolve(property);
        String description = property.getDescription() != null ? property.getDescription() : target.getDescription();
        row.description().forEach(paragraph -> assertThat(normalize(description))
                .as("description of %s.%s", row.schema(), row.name()).contains(normalize(paragraph)));
        switch (row.type()) {
            case "String" -> assertThat(target.getType()).isEqualTo("string");
            case "Integer" -> {
                assertThat(target.getType()).isEqualTo("integer");
                assertThat(target.getFormat()).isIn(null, "int32");
            }
            case "Long" -> {
                assertThat(target.getType()).isEqualTo("integer");
                assertThat(target.getFormat()).isEqualTo("int64");
            }
            case "Long or digits" -> {
                // A departure the spec documents: the page's Long, or the string of digits the real service sends.
                assertThat(property.get$ref()).isEqualTo("#/components/schemas/fail_code_code");
                // No type (a number and a string both pass) and a pattern, which applies to a string only.
                assertThat(target.getType()).isNull();
                assertThat(target.getAnyOf()).isNull();
                assertThat(target.getOneOf()).isNull();
                assertThat("9999").matches(target.getPattern());
                assertThat("CSBS.9999").doesNotMatch(target.getPattern());
            }
            case "Boolean" -> assertThat(target.getType()).isEqualTo("boolean");
            case "Dict" -> assertThat(target.getOneOf()).as("string or object")
                    .anySatisfy(alternative -> assertThat(resolve(alternative).getType()).isEqualTo("object"));
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
    }

    @Test
    void everyTableFieldAndNoOtherIsInTheSpec() {
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        pages().forEach(page -> page.fields().forEach(row ->
                documented.computeIfAbsent(row.schema(), key -> new LinkedHashSet<>()).add(row.name())));
        // Departures the spec documents: the paging links the real service sends and the Go SDK's pagers follow.
        documented.get("list_backups_response").add("checkpoint_items_links");
        documented.get("list_backup_policies_response").add("policies_links");
        documented.forEach((schemaName, fields) -> assertThat(
                spec.getComponents().getSchemas().get(schemaName).getProperties().keySet()).as(schemaName)
                .containsExactlyInAnyOrderElementsOf(fields));
        for (String empty : List.of("delete_backup_response", "common_param")) {
            Schema<?> schema = spec.getComponents().getSchemas().get(empty);
            assertThat(schema.getType()).as(empty).isEqualTo("object");
            assertThat(schema.getProperties()).as(empty).isNullOrEmpty();
            assertThat(schema.getAdditionalProperties()).as(empty + ": extra fields allowed").isNotEqualTo(false);
        }
        assertThat(spec.getComponents().getSchemas().get("common_param").getDescription())
                .contains("General backup policy parameters, which are blank by default");
    }

    @Test
    void responseBodiesAreTheNamedSchemas() {
        pages().forEach(page -> assertThat(okContent(page).getSchema().get$ref()).as(page.title())
                .isEqualTo("#/components/schemas/" + page.responseSchema()));
    }

    @Test
    void fixedValuesAreEnums() {
        assertThat(enumOf("checkpoint_item", "status")).containsExactlyElementsOf(BACKUP_STATUSES);
        assertThat(enumOf("checkpoint_item_extend_info", "copy_status"))
                .containsExactly("na", "waiting_copy", "copying", "success", "fail");
        // The pages' example sends "" (nothing failed, no image, not known), which the spec accepts.
        assertThat(enumOf("checkpoint_item_extend_info", "fail_op")).containsExactly("backup", "restore", "delete", "");
        assertThat(enumOf("checkpoint_item_extend_info", "supported_restore_mode")).containsExactly("na", "snapshot", "backup");
        assertThat(enumOf("checkpoint_item_extend_info", "hypervisor_type")).containsExactly("QEMU");
        assertThat(enumOf("volume_backup", "image_type")).containsExactly("backup");
        assertThat(enumOf("backup_data", "imagetype")).containsExactly("gold", "private", "market", "");
        assertThat(enumOf("backup_data", "cloudservicetype")).containsExactly("server", "");
        assertThat(enumOf("scheduled_operation_resp", "operation_type")).containsExactly("backup");
        assertThat(enumOf("resource", "type")).containsExactly("OS::Nova::Server");
        assertThat(enumOf("policy_resp", "provider_id")).containsExactly(FIXED_PROVIDER_ID);
        assertThat(enumOf("operation_definition", "provider_id")).containsExactly(FIXED_PROVIDER_ID);
        // No documented range: plain strings.
        assertThat(enumOf("policy_resp", "status")).isNull();
        assertThat(enumOf("volume_backup", "status")).isNull();
        assertThat(enumOf("checkpoint_item_extend_info", "image_type")).isNull();
        for (String schema : List.of("checkpoint_item_extend_info", "backup_data")) {
            spec.getComponents().getSchemas().get(schema).getProperties().forEach((name, property) -> {
                Schema<?> propertySchema = (Schema<?>) property;
                if (propertySchema.getEnum() != null && propertySchema.getEnum().contains("")) {
                    assertThat(propertySchema.getDescription()).as(schema + "." + name).contains("\"\"", "accepted");
                }
            });
        }
    }

    @Test
    void constraintsThePagesState() {
        Schema<?> key = property("resource_tag", "key");
        assertThat(key.getMinLength()).isEqualTo(1);
        assertThat(key.getMaxLength()).isEqualTo(36);
        assertThat("backup-tag_1").matches(key.getPattern());
        assertThat("tag with space").doesNotMatch(key.getPattern());
        Schema<?> value = property("resource_tag", "value");
        assertThat(value.getMaxLength()).isEqualTo(43);
        assertThat(value.getMinLength()).isNull();
        assertThat("").matches(value.getPattern());
        assertThat("a.b").doesNotMatch(value.getPattern());
        for (String schema : List.of("policy_resp", "scheduled_operation_resp")) {
            Schema<?> name = property(schema, "name");
            assertThat(name.getMinLength()).isEqualTo(1);
            assertThat(name.getMaxLength()).isEqualTo(255);
            assertThat("my-backup_policy1").matches(name.getPattern());
            assertThat("my plan").doesNotMatch(name.getPattern());
            Schema<?> description = property(schema, "description");
            assertThat(description.getMaxLength()).isEqualTo(255);
            assertThat(description.getMinLength()).isNull();
            assertThat("My plan, weekly (Thursday)").matches(description.getPattern());
            assertThat("").matches(description.getPattern());
            assertThat("a <b>").doesNotMatch(description.getPattern());
        }
        for (String name : List.of("max_backups", "retention_duration_days")) {
            assertThat(property("operation_definition", name).getMinimum()).isEqualByComparingTo("-1");
            assertThat(property("operation_definition", name).getMaximum()).isEqualByComparingTo("99999");
        }
        assertThat(property("checkpoint_item_extend_info", "progress").getMinimum()).isEqualByComparingTo("0");
        assertThat(property("checkpoint_item_extend_info", "progress").getMaximum()).isEqualByComparingTo("100");
        assertThat(property("trigger_properties_resp", "pattern").getMaxLength()).isEqualTo(10240);
        for (String[] timestamp : new String[][] {{"checkpoint_item", "created_at"}, {"checkpoint_item", "updated_at"},
                {"checkpoint_item_extend_info", "finished_at"}, {"policy_resp", "created_at"}}) {
            assertThat(property(timestamp[0], timestamp[1]).getPattern()).as(String.join(".", timestamp))
                    .isEqualTo(TIMESTAMP_PATTERN);
        }
        String startTime = property("trigger_properties_resp", "start_time").getPattern();
        assertThat("2017-04-18T01:21:52.701973").matches(startTime);
        assertThat("2017-03-07 09:31:08").matches(startTime);
        assertThat("2017-03-07").doesNotMatch(startTime);
    }

    /**
     * The rule of info.description: for each object, the fields present in the page's example response are
     * required; fields an example leaves out are not. Checked over every object of every new page's example,
     * with the one exception the spec keeps from 1.0.0 (a resource's extra_info).
     */
    @Test
    void requiresTheFieldsEveryDocumentedResponseCarries() {
        Map<String, Set<String>> carried = new LinkedHashMap<>();
        pages().forEach(page -> collectCarriedFields(pageExampleAfterDocumentedFixes(page),
                spec.getComponents().getSchemas().get(page.responseSchema()), page.responseSchema(), carried));
        carried.get("resource").remove("extra_info");
        assertThat(carried.keySet()).contains("checkpoint_item", "checkpoint_item_extend_info", "backup_data",
                "volume_backup", "image_data", "fail_code", "policy_resp", "policy_param", "scheduled_operation_resp",
                "operation_definition", "trigger_resp", "trigger_properties_resp", "resource");
        carried.forEach((schemaName, fields) -> {
            List<String> required = spec.getComponents().getSchemas().get(schemaName).getRequired();
            assertThat(required == null ? List.of() : required).as(schemaName + " required")
                    .containsExactlyInAnyOrderElementsOf(fields);
        });
        assertThat(spec.getComponents().getSchemas().get("fail_code").getRequired()).isNullOrEmpty();
        // The request tables of 1.3.0's pages mark both mandatory.
        assertThat(spec.getComponents().getSchemas().get("resource_tag").getRequired()).containsExactlyInAnyOrder("key", "value");
        assertThat(spec.getComponents().getSchemas().get("checkpoint_item").getRequired())
                .doesNotContain("description", "tags");
        assertThat(spec.getComponents().getSchemas().get("policy_resp").getRequired()).doesNotContain("tags");
        assertThat(normalize(spec.getInfo().getDescription())).contains(
                "Fields that every documented response carries are marked required: for each object, the fields"
                        + " present in the page's example response");
    }

    /** Walks an example and its schema together; per schema, the fields every instance carries (and the schema lists). */
    private static void collectCarriedFields(JsonNode node, Schema<?> schema, String schemaName, Map<String, Set<String>> carried) {
        Schema<?> resolved = resolve(schema);
        String name = schema.get$ref() != null ? Contract.simpleName(schema.get$ref()) : schemaName;
        if (node.isArray() && resolved.getItems() != null) {
            node.forEach(element -> collectCarriedFields(element, resolved.getItems(), null, carried));
            return;
        }
        if (resolved.getOneOf() != null || !node.isObject() || name == null) {
            return;
        }
        Set<String> present = new LinkedHashSet<>();
        Map<String, Schema> properties = resolved.getProperties() == null ? Map.of() : resolved.getProperties();
        node.fieldNames().forEachRemaining(field -> {
            if (properties.containsKey(field)) {
                present.add(field);
            }
        });
        carried.merge(name, present, (before, now) -> {
            before.retainAll(now);
            return before;
        });
        properties.forEach((field, propertySchema) -> {
            if (node.has(field)) {
                collectCarriedFields(node.get(field), propertySchema, null, carried);
            }
        });
    }

    // ------------------------------------------------------------------ status codes and errors

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void listsEveryStatusCodeOfThePageWithItsDescription(Page page) {
        Map<String, ApiResponse> responses = responses(page);
        page.statuses().forEach((status, description) -> {
            assertThat(responses).as(page + " " + status).containsKey(status);
            if (page == GET_BACKUP && status.equals("500")) {
                assertThat(responses.get(status).getDescription()).startsWith(description);
            } else {
                assertThat(responses.get(status).getDescription()).as(page + " " + status).isEqualTo(description);
            }
        });
        Set<String> added = new LinkedHashSet<>(responses.keySet());
        added.removeAll(page.statuses().keySet());
        Set<String> expectedAdded = new LinkedHashSet<>(List.of("405", "406"));
        if (page == GET_BACKUP) {
            expectedAdded.add("503");
        }
        assertThat(added).as("statuses beyond the page (no 413/415: no request body)")
                .containsExactlyInAnyOrderElementsOf(expectedAdded);
        added.forEach(status -> assertThat(responses.get(status).getDescription()).as(status).contains("Not on the page"));
        assertThat(operation(page).getRequestBody()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void everyErrorHasTheCsbsBodyAndDocumentedCodes(Page page) {
        Map<String, ApiResponse> responses = responses(page);
        Map<String, List<JsonNode>> errors = new LinkedHashMap<>();
        responses.forEach((status, response) -> {
            if (!status.startsWith("2")) {
                MediaType json = response.getContent().get("application/json");
                assertThat(json.getSchema().get$ref()).as(status).isEqualTo("#/components/schemas/error_resp");
                errors.put(status, examplesOf(json));
                assertThat(errors.get(status)).as(status).isNotEmpty();
            }
        });
        assertThat(codes(errors.get("400"))).contains("CSBS.9001");
        assertThat(codes(errors.get("401"))).containsExactly("APIGW.0301");
        assertThat(codes(errors.get("403"))).containsOnly("CSBS.9009");
        assertThat(codes(errors.get("404"))).contains("APIGW.0101");
        assertThat(codes(errors.get("405"))).containsExactly("APIGW.0101");
        assertThat(codes(errors.get("503"))).containsExactly("CSBS.9998");
        assertThat(errors.get("500")).singleElement().satisfies(error -> {
            assertThat(error.get("error_code").asText()).isEqualTo("CSBS.9999");
            assertThat(error.get("error_msg").asText()).matches("[a-z][a-z ]+ failed");
        });
        switch (page.operationId()) {
            case "getBackup", "deleteBackup" -> assertThat(errors.get("404")).anySatisfy(error -> {
                assertThat(error.get("error_code").asText()).isEqualTo("CSBS.3001");
                assertThat(error.get("error_msg").asText()).matches("Checkpoint_item \\(" + Contract.UUID_PATTERN
                        + "\\) is not found\\.");
            });
            case "getBackupPolicy" -> assertThat(errors.get("404")).anySatisfy(error ->
                    assertThat(error).isEqualTo(Contract.parse("{\"error_code\":\"CSBS.3000\",\"error_msg\":\"plan not found\"}")));
            default -> assertThat(codes(errors.get("404"))).containsExactly("APIGW.0101");
        }
        if (page == DELETE_BACKUP) {
            assertThat(errors.get("400")).anySatisfy(error -> assertThat(error)
                    .isEqualTo(Contract.parse("{\"error_code\":\"CSBS.2003\",\"error_msg\":\"item in executing\"}")));
        }
        if (page.parameters().stream().anyMatch(parameter -> parameter.name().equals("all_tenants"))) {
            assertThat(errors.get("403")).anySatisfy(error -> assertThat(error.get("error_msg").asText())
                    .contains("administrator"));
        }
        if (page.parameters().stream().anyMatch(parameter -> parameter.name().equals("marker"))) {
            assertThat(errors.get("400")).anySatisfy(error -> assertThat(error.get("error_msg").asText()).contains("marker"));
        }
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        errors.values().forEach(examples -> examples.forEach(example ->
                assertValid(validator, example, new Schema<>().$ref("#/components/schemas/error_resp"))));
    }

    @Test
    void theRepeatedErrorResponsesAreShared() {
        for (Page page : pages().toList()) {
            Map<String, ApiResponse> raw = operation(page).getResponses();
            assertThat(raw.get("401").get$ref()).as(page + " 401").isEqualTo("#/components/responses/unauthorized");
            assertThat(raw.get("405").get$ref()).as(page + " 405").isEqualTo("#/components/responses/method_not_allowed");
            assertThat(raw.get("406").get$ref()).as(page + " 406").isEqualTo("#/components/responses/not_acceptable");
            assertThat(raw.get("403").get$ref()).as(page + " 403").startsWith("#/components/responses/forbidden");
        }
    }

    // ------------------------------------------------------------------ examples

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void theExampleIsThePagesExampleAfterTheDocumentedFixes(Page page) {
        Example example = spec.getComponents().getExamples().get(page.exampleName());
        assertThat(okContent(page).getExamples()).hasSize(1).allSatisfy((name, reference) ->
                assertThat(reference.get$ref()).isEqualTo("#/components/examples/" + page.exampleName()));
        JsonNode value = Json.mapper().valueToTree(example.getValue());

        assertThat(value).isEqualTo(pageExampleAfterDocumentedFixes(page));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void theExampleIsValidAgainstItsSchemaWithOnlyTheUndocumentedTriggerId(Page page) {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + page.responseSchema());
        JsonNode example = pageExampleAfterDocumentedFixes(page);

        ValidationReport report = validator.validate(() -> example, schema, null);

        int triggerIds = example.findValues("trigger_id").size();
        assertThat(triggerIds).as("trigger_id in the example").isEqualTo(page.tag().equals("policy") ? 1 : 0);
        assertThat(report.getMessages()).as("%s", report.getMessages()).hasSize(triggerIds).allSatisfy(message -> {
            assertThat(message.getKey()).endsWith("additionalProperties");
            assertThat(message.getMessage()).contains("trigger_id");
        });
        JsonNode withoutTriggerId = example.deepCopy();
        withoutTriggerId.findParents("trigger_id").forEach(parent -> ((ObjectNode) parent).remove("trigger_id"));
        assertValid(validator, withoutTriggerId, schema);
    }

    @Test
    void thePolicyExamplesAsThePagesWriteThemWouldBeRejected() {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        for (Page page : List.of(GET_BACKUP_POLICY, LIST_BACKUP_POLICIES)) {
            JsonNode asOnThePage = pageExample(page);
            ValidationReport report = validator.validate(() -> asOnThePage,
                    new Schema<>().$ref("#/components/schemas/" + page.responseSchema()), null);
            String messages = report.getMessages().stream().map(ValidationReport.Message::getMessage)
                    .collect(Collectors.joining("\n"));
            assertThat(messages).as(page.title()).contains(
                    "/operation_definition/max_backups'] Instance type (string) does not match",
                    "/operation_definition/provider_id'] Instance value (\"" + PAGE_PROVIDER_ID + "\") not found in enum",
                    "/provider_id'] Instance value (\"" + PAGE_PROVIDER_ID + "\") not found in enum");
            assertThat(asOnThePage.findValues("max_backups")).allSatisfy(max -> assertThat(max.asText()).isEqualTo("20"));
            String description = spec.getComponents().getExamples().get(page.exampleName()).getDescription();
            assertThat(description).contains("max_backups", "\"20\"", PAGE_PROVIDER_ID, FIXED_PROVIDER_ID, "trigger_id");
        }
    }

    @Test
    void theBackupExamplesSayWhereTheySendValuesOutsideTheDocumentedRanges() {
        for (Page page : List.of(GET_BACKUP, LIST_BACKUPS)) {
            JsonNode example = pageExample(page);
            assertThat(example.findValues("fail_op")).containsExactly(TextNode.valueOf(""));
            assertThat(example.findValues("imagetype")).containsExactly(TextNode.valueOf(""));
            assertThat(example.findValues("cloudservicetype")).containsExactly(TextNode.valueOf(""));
            assertThat(spec.getComponents().getExamples().get(page.exampleName()).getDescription())
                    .contains("fail_op", "imagetype", "cloudservicetype", "\"\"");
        }
    }

    @Test
    void infoListsTheDeparturesFromThePages() {
        String info = normalize(spec.getInfo().getDescription());
        assertThat(spec.getInfo().getTitle()).contains("backups, backup policies");
        pages().forEach(page -> assertThat(info).contains("\"" + page.title() + "\"", page.operationId()));
        assertThat(info).contains(
                // request IDs, path and query IDs
                "`format: uuid`", "`checkpoint_item_id`", "`marker`",
                // null in requests
                "JSON null means the same as the field left out", "nullable",
                // deleting
                "`checkpoint_items` String", "`explode: false`", "`delete_backup_response`",
                // lists
                "`offset`", "may be 0", "protected_at", "this document's choice", "`ip`",
                // values outside the documented ranges
                "`extend_info.fail_op`", "`backup_data.imagetype`", "`backup_data.cloudservicetype`",
                // names
                "`Code`", "`Description`", "`__openstack_region_name`",
                // status codes
                "\"Service unavailable.\"", "503",
                // policy examples
                "`max_backups`", "`\"20\"`", PAGE_PROVIDER_ID, "`trigger_id`",
                // timestamps
                "`2017-03-07 09:31:08`",
                // statuses not on the pages
                "405 and 406");
    }

    // ------------------------------------------------------------------ helpers

    /** The page's example response as the page writes it (copied verbatim to a test resource). */
    private static JsonNode pageExample(Page page) {
        return Contract.readJson("/documented/pages/" + page.exampleResource());
    }

    /** The page's example with the fixes info.description lists (only the policy pages need any). */
    static JsonNode pageExampleAfterDocumentedFixes(Page page) {
        JsonNode example = pageExample(page);
        UnaryOperator<ObjectNode> fixPolicy = policy -> {
            policy.put("provider_id", FIXED_PROVIDER_ID);
            policy.get("scheduled_operations").forEach(operation -> {
                ObjectNode definition = (ObjectNode) operation.get("operation_definition");
                definition.set("max_backups", IntNode.valueOf(Integer.parseInt(definition.get("max_backups").asText())));
                definition.put("provider_id", FIXED_PROVIDER_ID);
            });
            return policy;
        };
        if (example.has("policy")) {
            fixPolicy.apply((ObjectNode) example.get("policy"));
        }
        if (example.has("policies")) {
            ((ArrayNode) example.get("policies")).forEach(policy -> fixPolicy.apply((ObjectNode) policy));
        }
        return example;
    }

    private static Operation operation(Page page) {
        PathItem item = spec.getPaths().get(page.path());
        assertThat(item).as(page.path()).isNotNull();
        Operation operation = item.readOperationsMap().get(page.method());
        assertThat(operation).as(page.method() + " " + page.path()).isNotNull();
        return operation;
    }

    private static Parameter parameter(Page page, String name) {
        return operation(page).getParameters().stream().map(ReferencePagesSpecTest::resolve)
                .filter(parameter -> parameter.getName().equals(name)).findFirst().orElse(null);
    }

    /** Parameter name to the component it refers to, read from the document as written (the parser inlines them). */
    private static Map<String, String> parameterRefs(Page page) {
        JsonNode document = Contract.readYaml(Contract.specText());
        JsonNode parameters = document.path("paths").path(page.path()).path(page.method().name().toLowerCase())
                .path("parameters");
        assertThat(parameters.isArray()).as(page + " parameters").isTrue();
        Map<String, String> refs = new LinkedHashMap<>();
        parameters.forEach(parameter -> {
            String ref = parameter.path("$ref").asText();
            refs.put(document.at(ref.substring(1)).path("name").asText(), ref);
        });
        return refs;
    }

    private static Map<String, ApiResponse> responses(Page page) {
        return Contract.responses(spec, operation(page));
    }

    private static MediaType okContent(Page page) {
        return responses(page).get("200").getContent().get("application/json");
    }

    private static List<JsonNode> examplesOf(MediaType json) {
        return Contract.examplesOf(spec, json);
    }

    private static List<String> codes(List<JsonNode> errors) {
        return errors.stream().map(error -> error.get("error_code").asText()).toList();
    }

    private static List<Object> enumOf(String schema, String name) {
        return Contract.enumOf(spec, schema, name);
    }

    private static Schema<?> property(String schema, String name) {
        return Contract.property(spec, schema, name);
    }

    private static void assertValid(SchemaValidator validator, JsonNode value, Schema<?> schema) {
        ValidationReport report = validator.validate(() -> value, schema, null);
        assertThat(report.getMessages()).as("example %s", value).isEmpty();
    }

    private static Schema<?> resolve(Schema<?> schema) {
        return Contract.resolve(spec, schema);
    }

    private static Parameter resolve(Parameter parameter) {
        return Contract.resolve(spec, parameter);
    }

    /** Whitespace as rendered: runs of spaces and line breaks are one space. */
    private static String normalize(String text) {
        return Contract.normalize(text);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
