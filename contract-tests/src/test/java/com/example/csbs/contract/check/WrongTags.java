package com.example.csbs.contract.check;

import com.example.csbs.contract.check.WrongCsbs.Answer;
import com.example.csbs.contract.check.WrongCsbs.Fault;
import com.example.csbs.contract.check.WrongCsbs.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Services made from the stub with one fault in tag management each (see {@link WrongCsbs}). */
final class WrongTags {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PROJECT_TAGS = Pattern.compile("/v1/[^/]+/csbs_backup(_policy)?/tags");
    private static final Pattern QUERY = Pattern.compile("/v1/[^/]+/csbs_backup(_policy)?/resource_instances/action");
    private static final Pattern RESOURCE_TAGS = Pattern.compile("/v1/[^/]+/csbs_backup(_policy)?/[0-9a-fA-F-]{36}/tags");
    private static final Pattern BATCH = Pattern.compile("/v1/[^/]+/csbs_backup(_policy)?/[0-9a-fA-F-]{36}/tags/action");

    private WrongTags() {
    }

    /** The request's body, or a missing node when it is no JSON (the checker sends such bodies on purpose). */
    private static JsonNode json(Request request) {
        JsonNode json = request.json();
        return json == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : json;
    }

    /** The query by tags reads not_tags as no criterion. */
    static final Fault QUERY_IGNORES_NOT_TAGS = (request, stub) -> {
        if (request.method().equals("POST") && QUERY.matcher(request.path()).matches() && json(request).has("not_tags")) {
            ObjectNode body = (ObjectNode) json(request);
            body.remove("not_tags");
            return stub.forward(request.withBody(body.toString()));
        }
        return stub.forward(request);
    };

    /** The query by tags reads tags_any as tags (every entry, not one of them). */
    static final Fault TAGS_ANY_AS_TAGS = (request, stub) -> {
        if (request.method().equals("POST") && QUERY.matcher(request.path()).matches() && json(request).has("tags_any")) {
            ObjectNode body = (ObjectNode) json(request);
            body.set("tags", body.remove("tags_any"));
            return stub.forward(request.withBody(body.toString()));
        }
        return stub.forward(request);
    };

    /** The count answers one more than the filter finds. */
    static final Fault COUNT_ONE_TOO_MANY = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("POST") && QUERY.matcher(request.path()).matches() && answer.status() == 200
                && "count".equals(json(request).path("action").asText())) {
            ObjectNode json = (ObjectNode) answer.json();
            return answer.withJson(json.put("total_count", json.path("total_count").asLong() + 1));
        }
        return answer;
    };

    /** The query answers each resource without its tags. */
    static final Fault QUERY_WITHOUT_THE_TAGS = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("POST") && QUERY.matcher(request.path()).matches() && answer.status() == 200
                && answer.json().has("resources")) {
            JsonNode json = answer.json();
            json.path("resources").forEach(resource -> ((ObjectNode) resource).putArray("tags"));
            return answer.withJson(json);
        }
        return answer;
    };

    /** matches resource_name compares in the case given. */
    static final Fault MATCHES_CASE_SENSITIVE = (request, stub) -> {
        Answer answer = stub.forward(request);
        JsonNode match = request.method().equals("POST") && QUERY.matcher(request.path()).matches()
                ? json(request).at("/matches/0/value") : null;
        if (match != null && match.isTextual() && answer.status() == 200 && answer.json().has("resources")) {
            ObjectNode json = (ObjectNode) answer.json();
            ArrayNode kept = MAPPER.createArrayNode();
            json.path("resources").forEach(resource -> {
                if (resource.path("resource_name").asText().contains(match.asText())) {
                    kept.add(resource);
                }
            });
            json.set("resources", kept);
            return answer.withJson(json.put("total_count", kept.size()));
        }
        return answer;
    };

    /** The project's tags list a tag of another project too. */
    static final Fault PROJECT_TAGS_OF_ANOTHER_PROJECT = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("GET") && PROJECT_TAGS.matcher(request.path()).matches() && answer.status() == 200) {
            ObjectNode json = (ObjectNode) answer.json();
            ObjectNode foreign = ((ArrayNode) json.path("tags")).addObject().put("key", "other-project-team");
            foreign.putArray("values").add("finance");
            return answer.withJson(json);
        }
        return answer;
    };

    /** A tag once in the project's list stays there, though no resource carries it any more. */
    static Fault projectTagsNeverShrink() {
        Map<String, Map<String, JsonNode>> seen = new ConcurrentHashMap<>();
        return (request, stub) -> {
            Answer answer = stub.forward(request);
            if (request.method().equals("GET") && PROJECT_TAGS.matcher(request.path()).matches() && answer.status() == 200) {
                Map<String, JsonNode> before = seen.computeIfAbsent(request.path(), path -> new ConcurrentHashMap<>());
                ObjectNode json = (ObjectNode) answer.json();
                Map<String, JsonNode> now = new LinkedHashMap<>();
                json.path("tags").forEach(tag -> now.put(tag.path("key").asText(), tag));
                before.forEach(now::putIfAbsent);
                before.putAll(now);
                json.set("tags", MAPPER.valueToTree(now.values()));
                return answer.withJson(json);
            }
            return answer;
        };
    }

    /** An eleventh tag is answered 204, and not added. */
    static final Fault ELEVENTH_TAG_ANSWERED_204 = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (answer.status() == 400 && "CSBS.7000".equals(answer.json().path("error_code").asText())) {
            return new Answer(204, null, "");
        }
        return answer;
    };

    /** Removing a key that is not there is answered 204. */
    static final Fault MISSING_TAG_REMOVED_WITH_204 = (request, stub) -> {
        Answer answer = stub.forward(request);
        if (request.method().equals("DELETE") && answer.status() == 404 && "CSBS.7001".equals(answer.json().path("error_code").asText())) {
            return new Answer(204, null, "");
        }
        return answer;
    };

    /** DELETE .../tags/action is routed to the batch path, which answers POST only: 405. */
    static final Fault ACTION_KEY_NOT_REMOVABLE = (request, stub) -> {
        if (request.method().equals("DELETE") && BATCH.matcher(request.path()).matches()) {
            return Services.error(405, "CSBS.9001", "Method not allowed");
        }
        return stub.forward(request);
    };

    /** Adding a key already there is refused as a duplicate (400), where the page says it overwrites. */
    static final Fault EXISTING_KEY_REFUSED = (request, stub) -> {
        if (request.method().equals("POST") && RESOURCE_TAGS.matcher(request.path()).matches()) {
            Answer tags = stub.forward(new Request("GET", request.path(), Map.of(), request.headers(), ""));
            String key = json(request).at("/tag/key").asText();
            if (tags.status() == 200) {
                for (JsonNode tag : tags.json().path("tags")) {
                    if (tag.path("key").asText().equals(key)) {
                        return Services.error(400, "CSBS.9001", "Parameter verification failed: the key exists");
                    }
                }
            }
        }
        return stub.forward(request);
    };

    /** A batch delete naming a key that is not there is refused (404), where the page says it succeeds. */
    static final Fault BATCH_DELETE_OF_A_MISSING_KEY_REFUSED = (request, stub) -> {
        if (request.method().equals("POST") && BATCH.matcher(request.path()).matches() && "delete".equals(json(request).path("action").asText())) {
            Answer tags = stub.forward(new Request("GET", request.path().replace("/tags/action", "/tags"), Map.of(), request.headers(), ""));
            if (tags.status() == 200) {
                Set<String> keys = new java.util.HashSet<>();
                tags.json().path("tags").forEach(tag -> keys.add(tag.path("key").asText()));
                for (JsonNode tag : json(request).path("tags")) {
                    if (!keys.contains(tag.path("key").asText())) {
                        return Services.error(404, "CSBS.7001", "The backup tag does not exist.");
                    }
                }
            }
        }
        return stub.forward(request);
    };
}
