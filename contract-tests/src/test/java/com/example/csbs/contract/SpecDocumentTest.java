package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.example.csbs.stub.backup.BackupResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec itself: valid, and a faithful transcription of every table, value and example of the page. */
class SpecDocumentTest {

    private static final String PATH = "/v1/{project_id}/providers/{provider_id}/checkpoints";

    private static OpenAPI spec;
    private static Operation operation;

    @BeforeAll
    static void parse() {
        spec = Contract.parsedSpecWithoutMessages();
        operation = spec.getPaths().get(PATH).getPost();
    }

    @Test
    void isOpenApi303WithTheMavenVersion() {
        assertThat(spec.getOpenapi()).isEqualTo("3.0.3");
        assertThat(spec.getInfo().getTitle()).contains("Cloud Server Backup Service (CSBS) API", "backups",
                "backup policies", "resources", "restoration", "quotas");
        assertThat(spec.getInfo().getDescription()).isNotBlank();
        assertThat(spec.getInfo().getVersion())
                .matches("\\d+\\.\\d+\\.\\d+")
                .isEqualTo(System.getProperty("csbs.project.version").replace("-SNAPSHOT", ""));
    }

    @Test
    void describesTheOperationAsThePageDoes() {
        // This page's path, and those of the sibling pages (ReferencePagesSpecTest, NewReferencePagesSpecTest and
        // TagPagesSpecTest check those).
        assertThat(spec.getPaths()).containsOnlyKeys(PATH,
                "/v1/{project_id}/providers/{provider_id}/checkpoints/{checkpoint_id}",
                "/v1/{project_id}/checkpoint_items/{checkpoint_item_id}",
                "/v1/{project_id}/checkpoint_items",
                "/v1/{project_id}/checkpoint_items/count",
                "/v1/{project_id}/policies/{policy_id}",
                "/v1/{project_id}/policies",
                "/v1/{project_id}/providers/{provider_id}/resources/{resource_id}/action",
                "/v1/{project_id}/providers/{provider_id}/resources/action",
                "/v1/{project_id}/restores",
                "/v1/{project_id}/quotas",
                // the tag pages (TagPagesSpecTest)
                "/v1/{project_id}/csbs_backup_policy/{resource_id}/tags",
                "/v1/{project_id}/csbs_backup/{resource_id}/tags",
                "/v1/{project_id}/csbs_backup_policy/{resource_id}/tags/action",
                "/v1/{project_id}/csbs_backup/{resource_id}/tags/action",
                "/v1/{project_id}/csbs_backup_policy/{resource_id}/tags/{key}",
                "/v1/{project_id}/csbs_backup/{resource_id}/tags/{key}",
                "/v1/{project_id}/csbs_backup_policy/tags",
                "/v1/{project_id}/csbs_backup/tags",
                "/v1/{project_id}/csbs_backup_policy/resource_instances/action",
                "/v1/{project_id}/csbs_backup/resource_instances/action");
        assertThat(spec.getPaths().get(PATH).readOperations()).containsExactly(operation);
        assertThat(operation.getOperationId()).isEqualTo("executeBackupPolicy");
        assertThat(operation.getTags()).containsExactly("backup");
        assertThat(operation.getDescription())
                .isEqualTo("This API is used to manually execute a backup policy and create a backup task.");
        assertThat(spec.getServers()).singleElement().satisfies(server -> {
            assertThat(server.getUrl()).isEqualTo("https://{endpoint}");
            assertThat(server.getVariables()).containsOnlyKeys("endpoint");
        });
    }

    /** The published document is about CSBS: the stub's switches are in the README, and are no parameters. */
    @Test
    void leavesTheStubsSwitchesToTheReadme() throws java.io.IOException {
        String info = spec.getInfo().getDescription();
        for (String stubOnly : List.of("Prefer", "--failure-rate", "--failure-status", "--delay", "--backup-duration",
                "--delete-duration", "--reject-concurrent-executions", "stub")) {
            assertThat(info).as("info.description").doesNotContainIgnoringCase(stubOnly);
        }
        java.nio.file.Path moduleDir = java.nio.file.Path.of(System.getProperty("user.dir"));
        String readme = java.nio.file.Files.readString(moduleDir.getParent().resolve("README.md"));
        assertThat(readme).contains("`Prefer: status=N`", "400, 401, 403, 404, 500, 503", "`--failure-rate R`",
                "`--failure-status 500`", "`Prefer: delay=800ms`", "`--delay 200ms`", "`--backup-duration`",
                "`--delete-duration`", "`--reject-concurrent-executions`", "`Prefer: backup=error`",
                "Other preferences (RFC 7240) are ignored");
        spec.getPaths().values().forEach(item -> item.readOperations().forEach(each ->
                assertThat(each.getParameters()).as(each.getOperationId())
                        .noneMatch(parameter -> "Prefer".equalsIgnoreCase(resolve(parameter).getName()))));
    }

    @Test
    void requiresTheIamTokenOnTheOperation() {
        assertThat(operation.getSecurity()).hasSize(1);
        assertThat(operation.getSecurity().get(0)).containsOnlyKeys("iam_token");
        SecurityScheme scheme = spec.getComponents().getSecuritySchemes().get("iam_token");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(scheme.getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(scheme.getName()).isEqualTo("X-Auth-Token");
    }

    @Test
    void pathParametersAreTable1() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        operation.getParameters().forEach(parameter -> parameters.put(parameter.getName(), resolve(parameter)));
        assertThat(parameters).containsOnlyKeys("project_id", "provider_id");

        Parameter projectId = parameters.get("project_id");
        assertThat(projectId.getIn()).isEqualTo("path");
        assertThat(projectId.getRequired()).isTrue();
        assertThat(projectId.getSchema().getType()).isEqualTo("string");
        assertThat(projectId.getDescription()).isEqualTo("Project ID");

        Parameter providerId = parameters.get("provider_id");
        assertThat(providerId.getIn()).isEqualTo("path");
        assertThat(providerId.getRequired()).isTrue();
        assertThat(providerId.getSchema().getType()).isEqualTo("string");
        assertThat(providerId.getDescription()).isEqualTo("Backup provider ID, which specifies whether the backup"
                + " object is a server or disk. This parameter has a fixed value. For CSBS, the value is "
                + Contract.PROVIDER_ID + ".");
        assertThat(providerId.getSchema().getEnum()).containsExactly(Contract.PROVIDER_ID);
        assertThat(BackupResource.CSBS_PROVIDER_ID).isEqualTo(Contract.PROVIDER_ID);
    }

    /** Tables 2 to 8 of the page: schema, field, page type, mandatory (null: the table has no such column), description. */
    static Stream<Arguments> documentedFields() {
        return Stream.of(
                field("execute_backup_policy_request", "checkpoint", "checkpoint_req", true,
                        "For details, see the checkpoint_req field description."),
                field("checkpoint_req", "parameters", "checkpoint_param", true, "Backup parameters"),
                field("checkpoint_req", "plan_id", "String", true, "Backup policy ID. Refer to the backup policy ID"
                        + " that is returned by the API of Querying the Backup Policy List."),
                field("checkpoint_param", "auto_trigger", "Boolean", false, "Whether automatic trigger is enabled"),
                field("checkpoint_param", "resources", "List<String>", false, "ID list of resources to be backed up"),
                field("execute_backup_policy_response", "checkpoint", "checkpoint_resp", null,
                        "See the checkpoint_resp field description."),
                field("checkpoint_resp", "status", "String", null,
                        "Status. The value can be protecting, deleting, available, or error."),
                field("checkpoint_resp", "created_at", "String", null,
                        "Creation time, for example, 2016-12-06T21:20:29.898823"),
                field("checkpoint_resp", "id", "String", null, "Backup record ID"),
                field("checkpoint_resp", "resource_graph", "String", null, "Resource diagram, which displays the"
                        + " mapping relationship between resources and backups. If the value is null, the backup"
                        + " contains only the resource backup of the entire system."),
                field("checkpoint_resp", "project_id", "String", null, "Project ID"),
                field("checkpoint_resp", "protection_plan", "plan_resp", null, "Backup policy information"),
                field("checkpoint_resp", "extra_info", "String", null,
                        "Additional information about the backup object, such as the backup creation mode"),
                field("plan_resp", "id", "String", null, "Backup policy ID"),
                field("plan_resp", "name", "String", null, "Backup policy name"),
                field("plan_resp", "resources", "List<resource>", null, "Backup object list"),
                field("resource", "id", "String", null, "Backup object ID"),
                field("resource", "type", "String", null,
                        "Entity object type of backup objects. The value is fixed at OS::Nova::Server (ECSs)."),
                field("resource", "name", "String", null, "Backup object name"),
                field("resource", "extra_info", "String", null, "Additional information of the resource"));
    }

    private static Arguments field(String schema, String name, String type, Boolean mandatory, String description) {
        return Arguments.of(schema, name, type, mandatory, description);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("documentedFields")
    void transcribesTheField(String schemaName, String name, String pageType, Boolean mandatory, String description) {
        Schema<?> schema = spec.getComponents().getSchemas().get(schemaName);
        assertThat(schema).as(schemaName).isNotNull();
        Schema<?> property = schema.getProperties().get(name);
        assertThat(property).as(schemaName + "." + name).isNotNull();
        Schema<?> target = resolve(property);

        String ownDescription = property.getDescription() != null ? property.getDescription() : target.getDescription();
        assertThat(ownDescription).as("description of " + schemaName + "." + name).contains(description);
        if (mandatory != null) {
            assertThat(schema.getRequired() != null && schema.getRequired().contains(name))
                    .as("mandatory " + schemaName + "." + name).isEqualTo(mandatory);
        }
        switch (pageType) {
            case "String" -> assertThat(isStringOrStringAlternative(target)).as(name + " is a string").isTrue();
            case "Boolean" -> assertThat(target.getType()).isEqualTo("boolean");
            case "List<String>" -> {
                assertThat(target.getType()).isEqualTo("array");
                assertThat(target.getItems().getType()).isEqualTo("string");
            }
            case "List<resource>" -> {
                assertThat(target.getType()).isEqualTo("array");
                assertThat(target.getItems().get$ref()).isEqualTo("#/components/schemas/resource");
            }
            default -> assertThat(property.get$ref()).isEqualTo("#/components/schemas/" + pageType);
        }
    }

    @Test
    void everyTableFieldAndNoOtherIsInTheSpec() {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        documentedFields().forEach(arguments -> documented
                .computeIfAbsent((String) arguments.get()[0], key -> new ArrayList<>())
                .add((String) arguments.get()[1]));
        documented.forEach((schemaName, fields) -> assertThat(
                spec.getComponents().getSchemas().get(schemaName).getProperties().keySet()).as(schemaName)
                .containsExactlyInAnyOrderElementsOf(fields));
    }

    @Test
    void fixedValuesAreEnums() {
        assertThat(List.copyOf(property("checkpoint_resp", "status").getEnum()))
                .containsExactly("protecting", "deleting", "available", "error");
        assertThat(List.copyOf(property("resource", "type").getEnum())).containsExactly("OS::Nova::Server");
    }

    @Test
    void anOptionalRequestFieldSentAsNullMeansLeftOut() {
        for (String name : List.of("auto_trigger", "resources")) {
            Schema<Object> optional = property("checkpoint_param", name);
            assertThat(optional.getNullable()).as(name).isTrue();
            assertThat(optional.getDescription()).as(name).contains("null");
        }
        assertThat(property("checkpoint_req", "plan_id").getNullable()).isNotEqualTo(Boolean.TRUE);
        for (String name : List.of("execute_backup_policy_request", "checkpoint_req", "checkpoint_param")) {
            assertThat(spec.getComponents().getSchemas().get(name).getNullable()).as(name).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(spec.getInfo().getDescription()).contains("JSON null means the same as the field left out");

        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        Schema<?> request = operation.getRequestBody().getContent().get("application/json").getSchema();
        assertValid(validator, Contract.parse("{\"checkpoint\": {\"plan_id\": \"" + Contract.EXAMPLE_PLAN_ID
                + "\", \"parameters\": {\"auto_trigger\": null, \"resources\": null}}}"), request);
        for (String nullRequired : List.of(
                "{\"checkpoint\": null}",
                "{\"checkpoint\": {\"plan_id\": null, \"parameters\": {}}}",
                "{\"checkpoint\": {\"plan_id\": \"" + Contract.EXAMPLE_PLAN_ID + "\", \"parameters\": null}}")) {
            assertThat(validator.validate(() -> Contract.parse(nullRequired), request, null).getMessages())
                    .as(nullRequired).isNotEmpty();
        }
    }

    @Test
    void listsEveryDocumentedStatusCodeWithThePagesDescription() {
        Map<String, String> documented = Map.of(
                "200", "OK",
                "400", "Invalid request parameters.",
                "401", "Authentication failed.",
                "403", "No operation permission.",
                "404", "Requested object not found.",
                "500", "Service internal error.",
                "503", "Service unavailable.");
        documented.forEach((status, description) ->
                assertThat(operation.getResponses().get(status).getDescription()).as(status).isEqualTo(description));
        // Statuses beyond the page are allowed only when they say so.
        operation.getResponses().forEach((status, response) -> {
            if (!documented.containsKey(status)) {
                assertThat(response.getDescription()).as(status).contains("Not on the page");
            }
        });
    }

    @Test
    void everyErrorStatusHasTheCsbsErrorBodyAndAnExample() {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                return;
            }
            MediaType json = response.getContent().get("application/json");
            assertThat(json.getSchema().get$ref()).as(status).isEqualTo("#/components/schemas/error_resp");
            assertThat(json.getExamples()).as(status).isNotEmpty();
        });
        Schema<?> error = spec.getComponents().getSchemas().get("error_resp");
        assertThat(error.getRequired()).containsExactlyInAnyOrder("error_code", "error_msg");
    }

    @Test
    void errorExamplesUseTheDocumentedCodes() {
        Map<String, String> expectedCodes = Map.of(
                "404", "CSBS.3000", "401", "APIGW.0301", "403", "CSBS.9009", "503", "CSBS.9998");
        expectedCodes.forEach((status, code) -> assertThat(examplesOf(operation.getResponses().get(status)))
                .as(status).anySatisfy(example -> assertThat(example.get("error_code").asText()).isEqualTo(code)));
        assertThat(examplesOf(operation.getResponses().get("400")))
                .anySatisfy(example -> assertThat(example).isEqualTo(Contract.parse(
                        "{\"error_code\":\"CSBS.9001\",\"error_msg\":\"provider invalid\"}")));
        assertThat(examplesOf(operation.getResponses().get("500")))
                .extracting(example -> example.get("error_code").asText())
                .contains("CSBS.1001", "CSBS.9999");
    }

    @Test
    void theExamplesAreThePagesExamples() {
        Schema<?> requestSchema = resolve(operation.getRequestBody().getContent().get("application/json").getSchema());
        JsonNode requestExample = Json.mapper().valueToTree(requestSchema.getExample());
        assertThat(requestExample).as("request example").isEqualTo(Contract.documentedRequest());
        assertThat(examplesOf(operation.getResponses().get("200")))
                .as("response example").containsExactly(Contract.documentedResponse());
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        int checked = 0;
        for (Map.Entry<String, Schema> named : spec.getComponents().getSchemas().entrySet()) {
            if (named.getValue().getExample() != null) {
                assertValid(validator, Json.mapper().valueToTree(named.getValue().getExample()), named.getValue());
                checked++;
            }
            if (named.getValue().getProperties() != null) {
                for (Object property : named.getValue().getProperties().values()) {
                    Schema<?> propertySchema = (Schema<?>) property;
                    if (propertySchema.getExample() != null) {
                        assertValid(validator, Json.mapper().valueToTree(propertySchema.getExample()), propertySchema);
                        checked++;
                    }
                }
            }
        }
        for (Parameter parameter : operation.getParameters()) {
            Parameter resolved = resolve(parameter);
            assertValid(validator, Json.mapper().valueToTree(resolved.getExample()), resolved.getSchema());
            checked++;
        }
        for (ApiResponse response : operation.getResponses().values()) {
            MediaType json = response.getContent().get("application/json");
            for (JsonNode example : examplesOf(response)) {
                assertValid(validator, example, json.getSchema());
                checked++;
            }
        }
        assertThat(checked).as("examples checked").isGreaterThanOrEqualTo(16);
    }

    private static void assertValid(SchemaValidator validator, JsonNode value, Schema<?> schema) {
        ValidationReport report = validator.validate(() -> value, schema, null);
        assertThat(report.getMessages()).as("example %s", value).isEmpty();
    }

    private static List<JsonNode> examplesOf(ApiResponse response) {
        List<JsonNode> examples = new ArrayList<>();
        for (Example example : response.getContent().get("application/json").getExamples().values()) {
            Example resolved = example.get$ref() == null ? example
                    : spec.getComponents().getExamples().get(Contract.simpleName(example.get$ref()));
            examples.add(Json.mapper().valueToTree(resolved.getValue()));
        }
        return examples;
    }

    private static boolean isStringOrStringAlternative(Schema<?> schema) {
        if ("string".equals(schema.getType())) {
            return true;
        }
        // resource.extra_info: a documented string, or the object the real service may send
        return schema.getOneOf() != null && schema.getOneOf().stream()
                .anyMatch(alternative -> "string".equals(resolve(alternative).getType()));
    }

    private static Schema<Object> property(String schemaName, String name) {
        @SuppressWarnings("unchecked")
        Schema<Object> property = (Schema<Object>) spec.getComponents().getSchemas().get(schemaName).getProperties().get(name);
        return property;
    }

    private static Schema<?> resolve(Schema<?> schema) {
        return Contract.resolve(spec, schema);
    }

    private static Parameter resolve(Parameter parameter) {
        return Contract.resolve(spec, parameter);
    }
}
