package com.example.csbs.stub;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The projects, tokens, backup policies (plans) and resources the stub knows: read-only,
 * loaded once from the embedded default or from a {@code --data} JSON file of the same shape.
 */
public record BackupDataSet(List<Project> projects) {

    /** The only resource type the spec allows (resource.type). */
    public static final String SERVER_TYPE = "OS::Nova::Server";

    /** Classpath location of the embedded default data set. */
    public static final String DEFAULT_RESOURCE = "default-data-set.json";

    public record Project(String id, String token, List<Plan> plans) {
        public Optional<Plan> plan(String planId) {
            return plans.stream().filter(plan -> plan.id().equals(planId)).findFirst();
        }
    }

    public record Plan(String id, String name, List<ProtectedResource> resources) {
        public Optional<ProtectedResource> resource(String resourceId) {
            return resources.stream().filter(resource -> resource.id().equals(resourceId)).findFirst();
        }
    }

    public record ProtectedResource(String id, String name, String type,
                                    @JsonProperty("extra_info") String extraInfo) {
    }

    public BackupDataSet {
        projects = List.copyOf(Objects.requireNonNull(projects, "projects is required"));
        checkConsistent(projects);
    }

    /** The plan with that id in that project, if both exist. */
    public Optional<Plan> plan(String projectId, String planId) {
        return projects.stream()
                .filter(project -> project.id().equals(projectId))
                .findFirst()
                .flatMap(project -> project.plan(planId));
    }

    public Optional<Project> projectByToken(String token) {
        return projects.stream().filter(project -> project.token().equals(token)).findFirst();
    }

    public static BackupDataSet embeddedDefault() {
        try (InputStream in = BackupDataSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("embedded data set " + DEFAULT_RESOURCE + " is missing");
            }
            return MAPPER.readValue(in, BackupDataSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a data set file; the message of the exception says what is wrong with it. */
    public static BackupDataSet read(Path file) throws InvalidDataSetException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), BackupDataSet.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDataSetException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new InvalidDataSetException(file + ": cannot be read (" + e + ")", e);
        }
    }

    /** A data set file that cannot be used, with a message fit for the command line. */
    public static final class InvalidDataSetException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDataSetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    // Rejected here so that a bad --data file fails at start-up, not on the first request.
    private static void checkConsistent(List<Project> projects) {
        Set<String> projectIds = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (Project project : projects) {
            require(projectIds.add(project.id()), "project id " + project.id() + " appears twice");
            require(!project.token().isBlank(), "project " + project.id() + " has a blank token");
            require(tokens.add(project.token()), "a token is shared by two projects");
            Set<String> planIds = new HashSet<>();
            for (Plan plan : project.plans()) {
                requireUuid(plan.id(), "plan id");
                require(planIds.add(plan.id()), "plan id " + plan.id() + " appears twice in project " + project.id());
                Set<String> resourceIds = new HashSet<>();
                for (ProtectedResource resource : plan.resources()) {
                    requireUuid(resource.id(), "resource id");
                    require(SERVER_TYPE.equals(resource.type()),
                            "resource " + resource.id() + " has type " + resource.type() + ", not " + SERVER_TYPE);
                    require(resourceIds.add(resource.id()),
                            "resource id " + resource.id() + " appears twice in plan " + plan.id());
                }
            }
        }
    }

    // Requests name plans and resources by UUID, so any other id could never be reached.
    private static void requireUuid(String id, String what) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + id + " is not a UUID");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
