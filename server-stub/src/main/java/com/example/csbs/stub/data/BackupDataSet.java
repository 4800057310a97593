package com.example.csbs.stub.data;

import com.example.csbs.stub.admin.InvalidSetupException;
import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.http.CsbsErrorMapper;
import com.example.csbs.stub.http.Timestamps;
import com.example.csbs.stub.model.ResourceTag;
import com.example.csbs.stub.model.ScheduledOperationResp;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The projects, tokens, backup policies and resources the stub knows: read-only, loaded once from
 * the embedded default or from a {@code --data} JSON file of the same shape. Only IDs, names, tokens
 * and resource types are required; every other field has a default, so files written for 1.1
 * (with {@code "plans"} instead of {@code "policies"}) keep loading.
 */
public record BackupDataSet(List<Project> projects) {

    /** The only resource type the spec allows (resource.type). */
    public static final String SERVER_TYPE = "OS::Nova::Server";

    /** Classpath location of the embedded default data set. */
    public static final String DEFAULT_RESOURCE = "default-data-set.json";

    /**
     * A project with its IAM token.
     *
     * @param admin   whether the token is an administrator's, which may list every tenant's backups and
     *                policies ({@code all_tenants=true}); default false
     * @param servers servers of the project that are in none of its policies, for backing up one resource and
     *                the capability checks (a server the stub does not know is protectable all the same)
     * @param quotas  the project's quotas; default no restriction
     */
    public record Project(String id, String token, Boolean admin, @JsonAlias("plans") List<Policy> policies,
                          List<ProtectedResource> servers, Quotas quotas) {
        public Project {
            require(id != null && !id.isBlank(), "a project has no id");
            require(token != null && !token.isBlank(), "project " + id + " has no token");
            admin = admin != null && admin;
            policies = List.copyOf(policies == null ? List.of() : policies);
            servers = List.copyOf(servers == null ? List.of() : servers);
            quotas = quotas == null ? Quotas.UNLIMITED : quotas;
        }

        /** A project with its token and policies, whether it is an administrator's, no servers of its own, no quotas. */
        public Project(String id, String token, Boolean admin, List<Policy> policies) {
            this(id, token, admin, policies, null, null);
        }

        /** A project with its token and policies, not an administrator's. */
        public Project(String id, String token, List<Policy> policies) {
            this(id, token, false, policies);
        }

        public Optional<Policy> policy(String policyId) {
            return policies.stream().filter(policy -> policy.id().equals(policyId)).findFirst();
        }

        /** The server with that ID: one of the project's own servers, else a resource of one of its policies. */
        public Optional<ProtectedResource> server(String resourceId) {
            return servers.stream().filter(server -> server.id().equals(resourceId)).findFirst()
                    .or(() -> policies.stream().flatMap(policy -> policy.resource(resourceId).stream()).findFirst());
        }

        /** The policy that backs up the resource, if one does. */
        public Optional<Policy> policyHolding(String resourceId) {
            return policies.stream().filter(policy -> policy.resource(resourceId).isPresent()).findFirst();
        }

        /** This project with the policy added, or replacing the one with its id. */
        public Project withPolicy(Policy policy) {
            require(policy != null, "the policy is missing");
            return new Project(id, token, admin, replaceOrAdd(policies, policy, Policy::id), servers, quotas);
        }

        /** This project without the policy with that id. */
        public Project withoutPolicy(String policyId) {
            return new Project(id, token, admin, policies.stream().filter(policy -> !policy.id().equals(policyId)).toList(),
                    servers, quotas);
        }

        /** This project with the server added to its own servers, or replacing the one with its id. */
        public Project withServer(ProtectedResource server) {
            require(server != null, "the server is missing");
            return new Project(id, token, admin, policies, replaceOrAdd(servers, server, ProtectedResource::id), quotas);
        }

        /** This project with other quotas. */
        public Project withQuotas(Quotas newQuotas) {
            require(newQuotas != null, "the quotas are missing");
            return new Project(id, token, admin, policies, servers, newQuotas);
        }

        /** This project with another token. */
        public Project withToken(String newToken, boolean isAdmin) {
            return new Project(id, newToken, isAdmin, policies, servers, quotas);
        }
    }

    /**
     * A project's quotas ("Querying Quotas"): how many backups it may retain, and how much they may hold
     * in GB. {@code -1} (the default) is no restriction.
     */
    public record Quotas(Integer backups, @JsonProperty("backup_capacity") Integer backupCapacity) {

        public static final Quotas UNLIMITED = new Quotas(-1, -1);

        public Quotas {
            backups = backups == null ? -1 : backups;
            backupCapacity = backupCapacity == null ? -1 : backupCapacity;
            require(backups >= -1, "quotas.backups must be -1 (no restriction) or more, was " + backups);
            require(backupCapacity >= -1, "quotas.backup_capacity must be -1 (no restriction) or more, was " + backupCapacity);
        }
    }

    /**
     * Whether a server can be backed up (or restored to), as the capability checks answer: a refusal carries
     * the error code and message that the check answers and that backing it up (restoring to it) is refused with.
     *
     * @param result default true
     */
    public record Capability(Boolean result, @JsonProperty("error_code") String errorCode,
                             @JsonProperty("error_msg") String errorMsg) {

        public static final Capability YES = new Capability(true, null, null);

        public Capability {
            result = result == null || result;
            require(!result || (errorCode == null && errorMsg == null), "error_code and error_msg go with result false only");
            require(errorCode == null || errorCode.matches("[A-Za-z]+\\.\\d{4}"),
                    "error_code must look like CSBS.6006, was " + errorCode);
        }

        /** Refused with that error code and message. */
        public static Capability refused(String errorCode, String errorMsg) {
            return new Capability(false, errorCode, errorMsg);
        }

        Capability orDefaults(String defaultCode, String defaultMsg) {
            return result ? this : new Capability(false, errorCode != null ? errorCode : defaultCode,
                    errorMsg != null ? errorMsg : defaultMsg);
        }
    }

    /**
     * A backup policy as "Querying a Backup Policy" answers it.
     *
     * @param status    default {@code enabled}
     * @param createdAt in the pages' style; default when the data set was read
     */
    public record Policy(String id, String name, String description, String status,
                         @JsonProperty("created_at") String createdAt, List<ProtectedResource> resources,
                         @JsonProperty("scheduled_operations") List<ScheduledOperationResp> scheduledOperations,
                         List<ResourceTag> tags) {
        public Policy {
            require(id != null, "a policy has no id");
            requireUuid(id, "policy id");
            require(name != null && !name.isBlank(), "policy " + id + " has no name");
            description = description == null ? "" : description;
            status = status == null ? "enabled" : status;
            createdAt = createdAt == null ? Timestamps.format(Instant.now()) : createdAt;
            resources = List.copyOf(resources == null ? List.of() : resources);
            scheduledOperations = List.copyOf(scheduledOperations == null ? List.of() : scheduledOperations);
            tags = List.copyOf(tags == null ? List.of() : tags);
        }

        /** A policy with its resources and every other field at its default. */
        public Policy(String id, String name, List<ProtectedResource> resources) {
            this(id, name, null, null, null, resources, null, null);
        }

        public Optional<ProtectedResource> resource(String resourceId) {
            return resources.stream().filter(resource -> resource.id().equals(resourceId)).findFirst();
        }

        /** This policy with these tags instead of its own. */
        public Policy withTags(List<ResourceTag> newTags) {
            return new Policy(id, name, description, status, createdAt, resources, scheduledOperations, newTags);
        }

        /** This policy with the resource added, or replacing the one with its id. */
        public Policy withResource(ProtectedResource resource) {
            require(resource != null, "the resource is missing");
            return new Policy(id, name, description, status, createdAt, replaceOrAdd(resources, resource,
                    ProtectedResource::id), scheduledOperations, tags);
        }
    }

    /**
     * A server a policy protects (or one of a project's own servers), with what its backups report about it.
     *
     * @param extraInfo      default {@code "{}"}
     * @param az             availability zone (extend_info.resource_az), default {@code eu-de-01}
     * @param privateIp      backup_data.private_ip, default empty (not known)
     * @param eip            backup_data.eip, default empty (not known)
     * @param vcpus          backup_data.vcpus, default 1
     * @param ram            backup_data.ram in MB, default 1024
     * @param disk           system disk size in GB (backup_data.disk), default 40
     * @param backupOutcome  how this resource's backups end, default {@code available}
     * @param protectable    whether it can be backed up on its own (protect); default yes, a refusal defaults to
     *                       CSBS.6006
     * @param restorable     whether backups can be restored to it; default yes, a refusal defaults to CSBS.6020
     * @param restoreOutcome how restores from this resource's backups end, default {@code available}
     */
    public record ProtectedResource(String id, String name, String type,
                                    @JsonProperty("extra_info") String extraInfo,
                                    String az,
                                    @JsonProperty("private_ip") String privateIp,
                                    String eip, Integer vcpus, Integer ram, Integer disk,
                                    @JsonProperty("backup_outcome") BackupOutcome backupOutcome,
                                    Capability protectable, Capability restorable,
                                    @JsonProperty("restore_outcome") BackupOutcome restoreOutcome) {
        public ProtectedResource {
            require(id != null, "a resource has no id");
            requireUuid(id, "resource id");
            require(name != null, "resource " + id + " has no name");
            require(SERVER_TYPE.equals(type), "resource " + id + " has type " + type + ", not " + SERVER_TYPE);
            extraInfo = extraInfo == null ? "{}" : extraInfo;
            az = az == null ? "eu-de-01" : az;
            privateIp = privateIp == null ? "" : privateIp;
            eip = eip == null ? "" : eip;
            vcpus = vcpus == null ? 1 : vcpus;
            ram = ram == null ? 1024 : ram;
            disk = disk == null ? 40 : disk;
            backupOutcome = backupOutcome == null ? BackupOutcome.AVAILABLE : backupOutcome;
            protectable = (protectable == null ? Capability.YES : protectable).orDefaults("CSBS.6006",
                    "Server (" + id + ") status (error) is not allowed to protect.");
            restorable = (restorable == null ? Capability.YES : restorable).orDefaults("CSBS.6020",
                    "No volume attached to the server (" + id + ") for restore.");
            restoreOutcome = restoreOutcome == null ? BackupOutcome.AVAILABLE : restoreOutcome;
        }

        /** A resource as in 1.2, protectable and restorable, its restores ending available. */
        public ProtectedResource(String id, String name, String type, String extraInfo, String az, String privateIp,
                                 String eip, Integer vcpus, Integer ram, Integer disk, BackupOutcome backupOutcome) {
            this(id, name, type, extraInfo, az, privateIp, eip, vcpus, ram, disk, backupOutcome, null, null, null);
        }

        /** A resource with only the required fields. */
        public ProtectedResource(String id, String name) {
            this(id, name, SERVER_TYPE, null, null, null, null, null, null, null, null);
        }

        /** This resource with its backups ending so. */
        public ProtectedResource withBackupOutcome(BackupOutcome outcome) {
            return new ProtectedResource(id, name, type, extraInfo, az, privateIp, eip, vcpus, ram, disk, outcome,
                    protectable, restorable, restoreOutcome);
        }

        /** This resource, backed up on its own or not. */
        public ProtectedResource withProtectable(Capability capability) {
            return new ProtectedResource(id, name, type, extraInfo, az, privateIp, eip, vcpus, ram, disk, backupOutcome,
                    capability, restorable, restoreOutcome);
        }

        /** This resource, restored to or not. */
        public ProtectedResource withRestorable(Capability capability) {
            return new ProtectedResource(id, name, type, extraInfo, az, privateIp, eip, vcpus, ram, disk, backupOutcome,
                    protectable, capability, restoreOutcome);
        }

        /** This resource with restores from its backups ending so. */
        public ProtectedResource withRestoreOutcome(BackupOutcome outcome) {
            return new ProtectedResource(id, name, type, extraInfo, az, privateIp, eip, vcpus, ram, disk, backupOutcome,
                    protectable, restorable, outcome);
        }
    }

    public BackupDataSet {
        projects = List.copyOf(Objects.requireNonNull(projects, "projects is required"));
        checkConsistent(projects);
    }

    public Optional<Project> project(String projectId) {
        return projects.stream().filter(project -> project.id().equals(projectId)).findFirst();
    }

    /** The policy with that id in that project, if both exist. */
    public Optional<Policy> policy(String projectId, String policyId) {
        return project(projectId).flatMap(project -> project.policy(policyId));
    }

    public Optional<Project> projectByToken(String token) {
        return projects.stream().filter(project -> project.token().equals(token)).findFirst();
    }

    /** This data set with the project added, or replacing the one with its id; checked whole. */
    public BackupDataSet withProject(Project project) {
        require(project != null, "the project is missing");
        return new BackupDataSet(replaceOrAdd(projects, project, Project::id));
    }

    /** This data set without the project with that id (as it is, if there is none). */
    public BackupDataSet withoutProject(String projectId) {
        return new BackupDataSet(projects.stream().filter(project -> !project.id().equals(projectId)).toList());
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
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidDataSetException(file + ": cannot be read (" + e + ")", e);
        }
        return parse(file + ": ", () -> MAPPER.readValue(content, BackupDataSet.class));
    }

    /** Reads a data set from a URL (a classpath resource, say); the message of the exception says what is wrong with it. */
    public static BackupDataSet read(URL url) throws InvalidDataSetException {
        byte[] content;
        try (InputStream in = url.openStream()) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidDataSetException(url + ": cannot be read (" + e + ")", e);
        }
        return parse(url + ": ", () -> MAPPER.readValue(content, BackupDataSet.class));
    }

    /**
     * A part of a data set (a {@link Project}, {@link Policy}, {@link ProtectedResource}) from JSON of the
     * shape of a data set file; the message of the exception says what is wrong with it.
     */
    public static <T> T fromJson(JsonNode json, Class<T> type) throws InvalidDataSetException {
        return parse("", () -> MAPPER.treeToValue(json, type));
    }

    private interface JsonRead<T> {
        T read() throws IOException;
    }

    private static <T> T parse(String source, JsonRead<T> read) throws InvalidDataSetException {
        try {
            return read.read();
        } catch (ValueInstantiationException e) {
            // A check of a record's constructor: its message is the problem, fit for the command line.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidDataSetException(source + cause.getMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidDataSetException(source + CsbsErrorMapper.jsonPath(e.getPath()) + " is not a known field"
                    + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
        } catch (JsonProcessingException e) {
            throw new InvalidDataSetException(source + e.getOriginalMessage()
                    + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new InvalidDataSetException(source + "cannot be read (" + e + ")", e);
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
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    // Rejected here so that a bad --data file fails at start-up, not on the first request.
    private static void checkConsistent(List<Project> projects) {
        Set<String> projectIds = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (Project project : projects) {
            require(project != null, "a project is null");
            require(projectIds.add(project.id()), "project id " + project.id() + " appears twice");
            require(tokens.add(project.token()), "a token is shared by two projects");
            Set<String> serverIds = new HashSet<>();
            for (ProtectedResource server : project.servers()) {
                require(serverIds.add(server.id()), "server id " + server.id() + " appears twice in project " + project.id());
            }
            Set<String> policyIds = new HashSet<>();
            for (Policy policy : project.policies()) {
                require(policyIds.add(policy.id()), "policy id " + policy.id() + " appears twice in project " + project.id());
                Set<String> resourceIds = new HashSet<>();
                for (ProtectedResource resource : policy.resources()) {
                    require(resourceIds.add(resource.id()),
                            "resource id " + resource.id() + " appears twice in policy " + policy.id());
                }
            }
        }
    }

    // The list with the item replacing the one with its id, or added at the end.
    private static <T> List<T> replaceOrAdd(List<T> items, T item, Function<T, String> id) {
        List<T> changed = new ArrayList<>(items);
        for (int i = 0; i < changed.size(); i++) {
            if (id.apply(changed.get(i)).equals(id.apply(item))) {
                changed.set(i, item);
                return changed;
            }
        }
        changed.add(item);
        return changed;
    }

    // InvalidSetupException, whether the record comes from a data set file (read() says which file) or from
    // a test's run-time setup, which promises that exception for anything it refuses.
    // Requests name policies and resources by UUID, so any other id could never be reached.
    private static void requireUuid(String id, String what) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetupException(what + " " + id + " is not a UUID");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSetupException(message);
        }
    }
}
