package com.example.csbs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The twelve pages of tag management (spec 1.4.0), page by page: operation, path parameters, every table
 * field with its type, mandatory flag and description, status codes, error codes and examples; and the
 * choices the spec makes where the twin pages contradict each other.
 */
class TagPagesSpecTest {

    private static final String POLICY = "/v1/{project_id}/csbs_backup_policy";
    private static final String BACKUP = "/v1/{project_id}/csbs_backup";
    private static final String NOT_EMPTY = "This list cannot be an empty list.";
    private static final String TEN_KEYS = "The list can contain up to 10 keys.";
    private static final String UNIQUE = "Keys in this list must be unique.";
    private static final String KEY_RULE = "It can contain only letters, digits, hyphens (-), and underscores (_).";

    private static OpenAPI spec;

    @BeforeAll
    static void parse() {
        spec = Contract.parsedSpecWithoutMessages();
    }

    /**
     * One page: its operation, path parameters, request and response schemas, 204 or 200, the description
     * of its 400 and the first paragraph of its Function section.
     */
    record Page(String title, String topic, String path, PathItem.HttpMethod method, String operationId,
                List<String> pathParameters, String requestSchema, String responseSchema, String invalid,
                List<String> exampleNames, String function) {

        @Override
        public String toString() {
            return title;
        }

        boolean noContent() {
            return responseSchema == null;
        }
    }

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

    private static final List<String> RESOURCE = List.of("project_id", "resource_id");
    private static final List<String> PROJECT = List.of("project_id");

    static Stream<Page> pages() {
        List<Page> pages = new ArrayList<>();
        for (String kind : List.of("policy", "backup")) {
            boolean policy = kind.equals("policy");
            String base = policy ? POLICY : BACKUP;
            String name = policy ? "Policy" : "Backup";
            String noun = policy ? "Backup Policy" : "Backup Resource";
            pages.add(new Page("Adding a Tag to a " + noun, policy ? "0098635094" : "0098635088", base + "/{resource_id}/tags",
                    PathItem.HttpMethod.POST, "add" + name + "Tag", RESOURCE, "add_tag_request", null, "Invalid action.",
                    List.of(), "A resource can have up to 10 tags."));
            pages.add(new Page("Batch Adding or Removing Tags of a " + noun, policy ? "0098635093" : "0098635087",
                    base + "/{resource_id}/tags/action", PathItem.HttpMethod.POST, "batchUpdate" + name + "Tags", RESOURCE,
                    "batch_tags_request", null, "Invalid action.", List.of(),
                    "This API is used to add or remove tags of a specific resource in batches."));
            pages.add(new Page("Removing a Tag from a " + noun, policy ? "0098635095" : "0098635089",
                    base + "/{resource_id}/tags/{key}", PathItem.HttpMethod.DELETE, "delete" + name + "Tag",
                    List.of("project_id", "resource_id", "key"), null, null, "Invalid parameters.", List.of(),
                    "The API is idempotent."));
            pages.add(new Page("Querying Tags of a " + noun, policy ? "0098635096" : "0098635090", base + "/{resource_id}/tags",
                    PathItem.HttpMethod.GET, "list" + name + "Tags", RESOURCE, null, "list_resource_tags_response",
                    "Invalid parameters.", List.of("list_resource_tags_documented_response"),
                    "This API is used to query tags of a specific resource."));
            pages.add(new Page("Querying " + (policy ? "Backup Policy" : "Backup") + " Tags of a Project",
                    policy ? "0098635097" : "0098635091", base + "/tags", PathItem.HttpMethod.GET,
                    "listProject" + name + "Tags", PROJECT, null, "list_project_tags_response", "Invalid parameters.",
                    List.of("list_project_tags_documented_response"),
                    "This API is used to query a tenant's tag set in a specific region and of a specific resource type."));
            String query = policy ? "policies" : "backups";
            pages.add(new Page("Querying " + (policy ? "Backup Policies" : "Backup Resources") + " by Tag",
                    policy ? "0098635092" : "0098635086", base + "/resource_instances/action", PathItem.HttpMethod.POST,
                    "query" + (policy ? "Policies" : "Backups") + "ByTags", PROJECT, "tag_query_request",
                    "query_" + query + "_by_tags_response", "Invalid parameters.",
                    List.of("query_" + query + "_by_tags_documented_response", "query_" + query + "_by_tags_count_response"),
                    policy ? "This API is used to filter backup policies by tag." : "This API is used to filter resources by tag."));
        }
        return pages.stream();
    }

    static Stream<Row> rows() {
        return Stream.of(
                // Adding a Tag, Tables 3 and 4
                req("add_tag_request", "tag", "resource_tag", true),
                req("resource_tag", "key", "String", true, "Tag key", "It consists of up to 36 characters.",
                        "It cannot be an empty string.", "Spaces before and after a key will be deprecated.", KEY_RULE),
                req("resource_tag", "value", "String", true, "Tag value", "It consists of up to 43 characters.",
                        "It can be an empty string.", "Spaces before and after a tag value will be deprecated.", KEY_RULE),
                // Batch Adding or Removing Tags, Tables 3 and 4 (value: Mandatory No on one page, Yes on the other)
                req("batch_tags_request", "tags", "List<batch_resource_tag>", true, "Tag list", NOT_EMPTY, TEN_KEYS, UNIQUE,
                        "When deleting tags, you can upload duplicate keys"),
                req("batch_tags_request", "action", "String", true,
                        "Operation to be performed. The value can be set to create or delete only."),
                req("batch_resource_tag", "key", "String", true, "Tag key (when action is set to create)",
                        "It consists of up to 36 characters.", KEY_RULE, "Tag key (when action is set to delete)",
                        "It consists of up to 127 characters."),
                req("batch_resource_tag", "value", "String", false, "Tag value (when action is set to create)",
                        "This parameter is mandatory.", "It consists of up to 43 characters.",
                        "Tag value (when action is set to delete)", "The tag value can be passed or not.",
                        "It consists of up to 255 characters.", "omitempty", "sets the value \"\""),
                // Querying Tags of a Backup Policy / Resource, Tables 3 and 4 (value: List<String> on one page)
                resp("list_resource_tags_response", "tags", "List<resource_tag>", "Tag list",
                        "Keys in the tag list must be unique.", "List<String>"),
                // Querying ... Tags of a Project, Tables 3 and 4
                resp("list_project_tags_response", "tags", "List<project_tag>", "Tag list", "Keys in the tag list must be unique."),
                resp("project_tag", "key", "String", "Tag key", "It consists of up to 36 characters.", KEY_RULE),
                resp("project_tag", "values", "List<String>", "List of tag values", "It consists of up to 43 characters."),
                // Querying ... by Tag, Tables 3 to 5
                req("tag_query_request", "tags", "List<tag_filter>", false, "List of included tags.", NOT_EMPTY, TEN_KEYS,
                        UNIQUE, "Keys in this list are in an AND relationship."),
                req("tag_query_request", "tags_any", "List<tag_filter>", false, "Backup resources with any tags in this list"
                        + " will be filtered.", NOT_EMPTY, TEN_KEYS, UNIQUE, "Keys in this list are in an OR relationship"),
                req("tag_query_request", "not_tags", "List<tag_filter>", false, "List of excluded tags.", NOT_EMPTY, TEN_KEYS,
                        UNIQUE, "The response returns resources containing no tags in this list.",
                        "a resource is left out when it has every entry of the list"),
                req("tag_query_request", "not_tags_any", "List<tag_filter>", false, "Backup resources without any tags in"
                        + " this list will be filtered.", NOT_EMPTY, TEN_KEYS, UNIQUE),
                req("tag_query_request", "action", "String", true, "Operation type", "Possible values are filter and count."),
                req("tag_query_request", "matches", "List<tag_match>", false, "List of query criteria supported by"
                        + " resources", NOT_EMPTY, UNIQUE),
                req("tag_query_request", "limit", "String", false, "Query count (This parameter is not displayed if action"
                        + " is set to count.)", "the value defaults to 1000. The value ranges from 1 to 1000."),
                req("tag_query_request", "offset", "String", false, "Query index", "the value defaults to 0 (minimum value)."),
                req("tag_filter", "key", "String", true, "Tag key", "A tag key consists of up to 127 characters."),
                req("tag_filter", "values", "List<String>", true, "List of tag values", "The list can contain up to 10 values.",
                        "A tag value consists of up to 255 characters.", "Values in this list must be unique.",
                        "If this list is left blank, it indicates that all values are included."),
                req("tag_match", "key", "String", true, "Tag key", "resource_name: indicates the resource name."),
                req("tag_match", "value", "String", true, "Tag value", "A tag value consists of up to 255 characters.",
                        "an empty character string indicates exact matching and any non-empty string indicates fuzzy matching."),
                resp("query_policies_by_tags_response", "resources", "List<tagged_policy>", "List of matched resources"),
                resp("query_policies_by_tags_response", "total_count", "Integer", "Total number of matched resources"),
                resp("tagged_policy", "resource_id", "String", "Resource ID"),
                resp("tagged_policy", "resource_detail", "Object", "Resource details", "The returned value is an empty dictionary."),
                resp("tagged_policy", "tags", "List<resource_tag>", "Tag list"),
                resp("tagged_policy", "resource_name", "String", "Resource name"),
                resp("query_backups_by_tags_response", "resources", "List<tagged_backup>", "List of matched resources"),
                resp("query_backups_by_tags_response", "total_count", "Integer", "Total number of matched resources"),
                resp("tagged_backup", "resource_id", "String", "Resource ID"),
                resp("tagged_backup", "resource_detail", "checkpoint_item"),
                resp("tagged_backup", "tags", "List<resource_tag>", "Tag list"),
                resp("tagged_backup", "resource_name", "String", "Resource name"));
    }

    // ------------------------------------------------------------------ operations and parameters

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void isTheOperationOfThePage(Page page) {
        Operation operation = operation(page);
        assertThat(operation.getOperationId()).isEqualTo(page.operationId());
        assertThat(operation.getSummary()).isEqualTo(page.title());
        assertThat(operation.getTags()).containsExactly("tag");
        assertThat(operation.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsOnlyKeys("iam_token"));
        assertThat(normalize(operation.getDescription())).startsWith(normalize(page.function()));
        assertThat(operation.getDescription()).contains("en-us_topic_" + page.topic(),
                page.method() + " https://{endpoint}" + page.path());
        assertThat(normalize(spec.getInfo().getDescription())).contains(
                "\"" + page.title() + "\" (en-us_topic_" + page.topic() + "): `" + page.method() + " " + page.path()
                        + "`, " + page.operationId());
        List<Parameter> parameters = operation.getParameters().stream().map(parameter -> Contract.resolve(spec, parameter)).toList();
        assertThat(parameters).extracting(Parameter::getName).containsExactlyElementsOf(page.pathParameters());
        parameters.forEach(parameter -> {
            assertThat(parameter.getIn()).isEqualTo("path");
            assertThat(parameter.getRequired()).isTrue();
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
    void theTwinPagesShareTheirParameters() {
        Parameter resourceId = spec.getComponents().getParameters().get("tagged_resource_id");
        assertThat(resourceId.getName()).isEqualTo("resource_id");
        assertThat(resourceId.getDescription()).startsWith("Resource ID");
        assertThat(resourceId.getSchema().getFormat()).isEqualTo("uuid");
        Parameter key = spec.getComponents().getParameters().get("tag_key");
        assertThat(key.getName()).isEqualTo("key");
        assertThat(key.getSchema().getMinLength()).isEqualTo(1);
        assertThat(key.getSchema().getMaxLength()).isEqualTo(127);
        assertThat(normalize(key.getDescription())).contains("A tag key consists of up to 127 characters.",
                "A tag key cannot be an empty string.", "Spaces before and after a key will be deprecated.",
                "Even invalid tags existing at the bottom layer can be deleted.", "CSBS.7001", "action");
        Map<String, Parameter> shared = Map.of("project_id", spec.getComponents().getParameters().get("project_id"),
                "resource_id", resourceId, "key", key);
        pages().forEach(page -> operation(page).getParameters().stream().map(parameter -> Contract.resolve(spec, parameter))
                .forEach(parameter -> assertThat(parameter.getDescription()).as(page + " shares " + parameter.getName())
                        .isEqualTo(shared.get(parameter.getName()).getDescription())));
        // The twins differ by path only: the same schemas and responses.
        List<Page> all = pages().toList();
        for (int i = 0; i < 6; i++) {
            Page policy = all.get(i);
            Page backup = all.get(i + 6);
            assertThat(backup.path()).isEqualTo(policy.path().replace("csbs_backup_policy", "csbs_backup"));
            assertThat(backup.requestSchema()).isEqualTo(policy.requestSchema());
            if (!policy.operationId().startsWith("query")) {
                assertThat(backup.responseSchema()).isEqualTo(policy.responseSchema());
            }
            assertThat(operation(backup).getResponses().get("400").get$ref())
                    .isEqualTo(operation(policy).getResponses().get("400").get$ref());
        }
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
            case "Object" -> {
                assertThat(target.getType()).isEqualTo("object");
                assertThat(target.getProperties()).isNullOrEmpty();
            }
            case "List<String>" -> {
                assertThat(target.getType()).isEqualTo("array");
                assertThat(target.getItems().getType()).isEqualTo("string");
            }
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
    void everyTableFieldAndNoOtherIsInTheSpec() {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        rows().filter(row -> !row.schema().equals("resource_tag"))
                .forEach(row -> documented.computeIfAbsent(row.schema(), key -> new ArrayList<>()).add(row.name()));
        documented.forEach((schemaName, fields) -> assertThat(
                spec.getComponents().getSchemas().get(schemaName).getProperties().keySet()).as(schemaName)
                .containsExactlyInAnyOrderElementsOf(fields));
        // Every field of the response tables is in each answer, except resources, which count leaves out.
        assertThat(spec.getComponents().getSchemas().get("query_policies_by_tags_response").getRequired())
                .containsExactly("total_count");
        assertThat(spec.getComponents().getSchemas().get("query_backups_by_tags_response").getRequired())
                .containsExactly("total_count");
        for (String resource : List.of("tagged_policy", "tagged_backup")) {
            assertThat(spec.getComponents().getSchemas().get(resource).getRequired())
                    .containsExactlyInAnyOrder("resource_id", "resource_detail", "tags", "resource_name");
        }
        assertThat(spec.getComponents().getSchemas().get("project_tag").getRequired()).containsExactly("key", "values");
        assertThat(spec.getComponents().getSchemas().get("list_resource_tags_response").getRequired()).containsExactly("tags");
    }

    @Test
    void fixedValuesAndLimits() {
        assertThat(enumOf("batch_tags_request", "action")).containsExactly("create", "delete");
        assertThat(enumOf("tag_query_request", "action")).containsExactly("filter", "count");
        assertThat(enumOf("tag_match", "key")).containsExactly("resource_name");
        assertThat(property("batch_tags_request", "tags").getMinItems()).isEqualTo(1);
        assertThat(property("batch_tags_request", "tags").getMaxItems()).isEqualTo(10);
        // The batch body has the wider limits of delete; create's are the service's check.
        assertThat(property("batch_resource_tag", "key").getMinLength()).isEqualTo(1);
        assertThat(property("batch_resource_tag", "key").getMaxLength()).isEqualTo(127);
        assertThat(property("batch_resource_tag", "value").getMaxLength()).isEqualTo(255);
        assertThat(property("batch_resource_tag", "value").getNullable()).isTrue();
        // A tag added alone, and every tag an answer carries: 36 and 43 characters, letters, digits, - and _.
        assertThat(property("resource_tag", "key").getMaxLength()).isEqualTo(36);
        assertThat(property("resource_tag", "value").getMaxLength()).isEqualTo(43);
        assertThat("DEV-1_a").matches(property("resource_tag", "key").getPattern());
        assertThat("DE V").doesNotMatch(property("resource_tag", "key").getPattern());
        assertThat("").matches(property("resource_tag", "value").getPattern());
        assertThat(property("project_tag", "key").getMaxLength()).isEqualTo(36);
        for (String list : List.of("tags", "tags_any", "not_tags", "not_tags_any")) {
            Schema<?> filter = property("tag_query_request", list);
            assertThat(filter.getMinItems()).as(list).isEqualTo(1);
            assertThat(filter.getMaxItems()).as(list).isEqualTo(10);
            assertThat(filter.getNullable()).as(list).isTrue();
        }
        assertThat(property("tag_filter", "key").getMaxLength()).isEqualTo(127);
        assertThat(property("tag_filter", "values").getMaxItems()).isEqualTo(10);
        assertThat(property("tag_filter", "values").getUniqueItems()).isTrue();
        assertThat(property("tag_filter", "values").getItems().getMaxLength()).isEqualTo(255);
        assertThat(property("tag_match", "value").getMaxLength()).isEqualTo(255);
        String limit = property("tag_query_request", "limit").getPattern();
        assertThat(List.of("1", "100", "999", "1000")).allSatisfy(value -> assertThat(value).matches(limit));
        assertThat(List.of("0", "1001", "01", "-1", "", "10000")).allSatisfy(value -> assertThat(value).doesNotMatch(limit));
        assertThat(property("tag_query_request", "limit").getDefault()).isEqualTo("1000");
        String offset = property("tag_query_request", "offset").getPattern();
        assertThat(List.of("0", "100", "123456789")).allSatisfy(value -> assertThat(value).matches(offset));
        assertThat(List.of("-1", "01", "")).allSatisfy(value -> assertThat(value).doesNotMatch(offset));
        assertThat(property("tag_query_request", "offset").getDefault()).isEqualTo("0");
    }

    // ------------------------------------------------------------------ status codes and errors

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void listsEveryStatusCodeOfThePage(Page page) {
        Map<String, ApiResponse> responses = responses(page);
        Map<String, String> documented = new LinkedHashMap<>();
        documented.put(page.noContent() ? "204" : "200", page.noContent() ? "No Content" : "OK");
        documented.put("400", page.invalid());
        documented.put("401", "Authentication failed.");
        documented.put("403", "You do not have permission to perform this operation.");
        documented.put("404", "The requested resource was not found.");
        documented.put("500", "A system exception occurs.");
        documented.forEach((status, description) ->
                assertThat(responses.get(status)).as(page + " " + status).isNotNull()
                        .satisfies(response -> assertThat(response.getDescription()).isEqualTo(description)));
        List<String> added = new ArrayList<>(responses.keySet());
        added.removeAll(documented.keySet());
        assertThat(added).containsExactlyInAnyOrderElementsOf(
                page.requestSchema() == null ? List.of("405", "406", "503") : List.of("405", "406", "413", "415", "503"));
        added.forEach(status -> assertThat(responses.get(status).getDescription()).contains("Not on the page"));
        if (page.noContent()) {
            assertThat(responses.get("204").getContent()).as("the page documents no response body").isNull();
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
        assertThat(codes.get("500")).containsExactly("CSBS.9999");
        assertThat(codes.get("503")).containsExactly("CSBS.9998");
        boolean onOneResource = page.pathParameters().contains("resource_id");
        boolean policy = page.path().startsWith(POLICY + "/");
        if (onOneResource) {
            assertThat(codes.get("404")).contains(policy ? "CSBS.3000" : "CSBS.3001");
        } else {
            assertThat(codes.get("404")).containsExactly("APIGW.0101");
        }
        if (page.operationId().startsWith("add") || page.operationId().startsWith("batch")) {
            assertThat(codes.get("400")).contains("CSBS.7000");
        }
        if (page.method() == PathItem.HttpMethod.DELETE) {
            assertThat(codes.get("404")).contains("CSBS.7001");
        } else {
            assertThat(codes.get("404")).doesNotContain("CSBS.7001");
        }
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
            assertThat(ok.getExamples()).hasSize(page.exampleNames().size());
            for (String name : page.exampleNames()) {
                Example example = spec.getComponents().getExamples().get(name);
                assertThat(example).as(name).isNotNull();
                assertValid(validator, Json.mapper().valueToTree(example.getValue()), page.responseSchema());
            }
        }
    }

    @Test
    void thePagesExampleRequestsAreValid() {
        SchemaValidator validator = new SchemaValidator(spec, new MessageResolver());
        ObjectNode delete = Json.mapper().valueToTree(spec.getComponents().getSchemas().get("batch_tags_request").getExample());
        delete.put("action", "delete");
        assertValid(validator, delete, "batch_tags_request");
        ObjectNode count = Json.mapper().valueToTree(spec.getComponents().getSchemas().get("tag_query_request").getExample());
        count.put("action", "count");
        count.remove(List.of("limit", "offset"));
        assertValid(validator, count, "tag_query_request");
        // The Go SDK (common/tags) leaves an empty value out: a create without value is valid.
        assertValid(validator, Json.mapper().createObjectNode().put("action", "create").set("tags",
                Json.mapper().createArrayNode().add(Json.mapper().createObjectNode().put("key", "k"))), "batch_tags_request");
        // The page types limit and offset String and sends strings; a number is not what it documents.
        ObjectNode numbers = count.deepCopy().put("limit", 100);
        assertThat(validator.validate(() -> numbers, new Schema<>().$ref("#/components/schemas/tag_query_request"), null)
                .getMessages()).isNotEmpty();
    }

    @Test
    void theFixedExamplesSayWhatTheyFixed() {
        assertThat(spec.getComponents().getExamples().get("query_backups_by_tags_count_response").getDescription())
                .contains("not valid JSON");
        assertThat(spec.getComponents().getExamples().get("query_backups_by_tags_documented_response").getDescription())
                .contains("one bare backup", "Table 6", "QEMU", "copy_from");
        JsonNode filter = Json.mapper().valueToTree(
                spec.getComponents().getExamples().get("query_backups_by_tags_documented_response").getValue());
        assertThat(filter.at("/resources/0/resource_detail/name").asText()).isEqualTo("manualbk_ea67");
        assertThat(filter.at("/resources/0/resource_id").asText()).isEqualTo(filter.at("/resources/0/resource_detail/id").asText());
    }

    @Test
    void infoDescriptionListsTheChoices() {
        String info = normalize(spec.getInfo().getDescription());
        assertThat(info).contains("twenty-seven", "Tag management (tag tag)", "Every POST, PUT and DELETE answers 200",
                "204 No Content", "`omitempty`", "36 characters", "127", "404 `CSBS.7001`", "idempotent",
                "one bare backup", "List<String>", "strings of digits", "`not_tags`", "`DELETE .../tags/action`");
        for (String section : List.of("Backup management (tag backup)", "Backup policy management (tag policy)",
                "Resource management (tag resource)", "Restoration management (tag restore)",
                "Quota management (tag quota)")) {
            assertThat(info).contains(section);
        }
        pages().forEach(page -> assertThat(info).contains(page.operationId()));
    }

    // ------------------------------------------------------------------ helpers

    private static Operation operation(Page page) {
        Operation operation = spec.getPaths().get(page.path()).readOperationsMap().get(page.method());
        assertThat(operation).as(page.method() + " " + page.path()).isNotNull();
        return operation;
    }

    private static Map<String, ApiResponse> responses(Page page) {
        return Contract.responses(spec, operation(page));
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
        assertThat(report.getMessages()).as("%s against %s: %s", value, schemaName, report.getMessages()).isEmpty();
    }

    private static String normalize(String text) {
        return Contract.normalize(text);
    }
}
