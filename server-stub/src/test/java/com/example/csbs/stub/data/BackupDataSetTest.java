package com.example.csbs.stub.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.csbs.stub.backup.BackupOutcome;
import com.example.csbs.stub.backup.BackupStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupDataSetTest {

    @TempDir
    Path folder;

    @Test
    void embeddedDefaultHoldsThePagesProjectPlansAndResources() {
        BackupDataSet dataSet = BackupDataSet.embeddedDefault();

        BackupDataSet.Project project = dataSet.projectByToken("csbs-demo-token").orElseThrow();
        assertThat(project.id()).isEqualTo("b942cc8342734d15bcb246babb1953cf");
        assertThat(project.policy("62171999-3df1-42f7-9513-6f9b1bea4744").orElseThrow().resources())
                .extracting(BackupDataSet.ProtectedResource::id)
                .containsExactly("7a32a8b5-7977-4e24-b5da-e0eb457db75b", "b2b433bf-7dd6-4a74-aa8f-85673dfbda48");
        BackupDataSet.Policy backup = project.policy("6a6cda7e-7b89-4b14-8e5c-3b6821a97d2c").orElseThrow();
        assertThat(backup.name()).isEqualTo("backup");
        assertThat(backup.resources()).singleElement().isEqualTo(new BackupDataSet.ProtectedResource(
                "1c960fe4-e679-421a-97cd-4f7463d2344b", "server0"));
        assertThat(dataSet.projects()).extracting(BackupDataSet.Project::id)
                .hasSize(3).doesNotHaveDuplicates();
        assertThat(dataSet.projectByToken("csbs-admin-token").orElseThrow().admin()).isTrue();
        assertThat(project.admin()).isFalse();
    }

    @Test
    void readsAFileOfTheSameShape() throws Exception {
        BackupDataSet dataSet = BackupDataSet.read(write(project("p1", "t1", plan(PLAN_ID, resource(RESOURCE_ID)))));

        assertThat(dataSet.projectByToken("t1").orElseThrow().policy(PLAN_ID).orElseThrow().resource(RESOURCE_ID))
                .isPresent();
    }

    @Test
    void aFileOf11KeepsLoadingWithTheDocumentedDefaults() throws Exception {
        BackupDataSet.Policy policy = BackupDataSet.read(write(project("p1", "t1", plan(PLAN_ID, resource(RESOURCE_ID)))))
                .policy("p1", PLAN_ID).orElseThrow();

        assertThat(policy.description()).isEmpty();
        assertThat(policy.status()).isEqualTo("enabled");
        assertThat(policy.createdAt()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        assertThat(policy.scheduledOperations()).isEmpty();
        assertThat(policy.tags()).isEmpty();
        BackupDataSet.ProtectedResource resource = policy.resource(RESOURCE_ID).orElseThrow();
        assertThat(resource.az()).isEqualTo("eu-de-01");
        assertThat(resource.disk()).isEqualTo(40);
        assertThat(resource.backupOutcome()).isEqualTo(BackupOutcome.AVAILABLE);
    }

    @Test
    void readsABackupOutcomeAndRejectsAnImpossibleOne() throws Exception {
        String failing = withField(resource(RESOURCE_ID), "\"backup_outcome\": {\"status\": \"error\", \"fail_code\": 6007}");
        BackupDataSet.ProtectedResource resource = BackupDataSet.read(write(project("p1", "t1", plan(PLAN_ID, failing))))
                .policy("p1", PLAN_ID).orElseThrow().resource(RESOURCE_ID).orElseThrow();
        assertThat(resource.backupOutcome()).isEqualTo(new BackupOutcome(BackupStatus.ERROR, 6007L,
                "backup failed: the stub was asked for a failed backup"));

        Path bad = write(project("p1", "t1", plan(PLAN_ID,
                withField(resource(RESOURCE_ID), "\"backup_outcome\": {\"status\": \"deleting\"}"))));
        assertThatThrownBy(() -> BackupDataSet.read(bad)).hasMessageContaining("backup_outcome.status must be available or error");
    }

    @Test
    void readsAProjectsServersQuotasAndWhetherItsServersCanBeBackedUpAndRestoredTo() throws Exception {
        String refusing = withField(resource(RESOURCE_ID), "\"protectable\": {\"result\": false}, "
                + "\"restorable\": {\"result\": false, \"error_code\": \"CSBS.6014\", \"error_msg\": \"Volume(s) not found.\"}, "
                + "\"restore_outcome\": {\"status\": \"error\"}");
        String server = resource("5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        String project = withField(project("p1", "t1", ""), "\"servers\": [" + server + "], "
                + "\"quotas\": {\"backups\": 600}");
        BackupDataSet.Project read = BackupDataSet.read(write(withField(project("p2", "t2", plan(PLAN_ID, refusing)), "\"servers\": []")
                        .replace("\"p2\"", "\"p2\"") + "," + project))
                .project("p1").orElseThrow();

        assertThat(read.quotas()).isEqualTo(new BackupDataSet.Quotas(600, -1));
        assertThat(read.server("5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")).get().satisfies(known -> {
            assertThat(known.protectable()).isEqualTo(BackupDataSet.Capability.YES);
            assertThat(known.restorable()).isEqualTo(BackupDataSet.Capability.YES);
            assertThat(known.restoreOutcome()).isEqualTo(BackupOutcome.AVAILABLE);
        });
        BackupDataSet.ProtectedResource inPolicy = BackupDataSet.read(write(project("p2", "t2", plan(PLAN_ID, refusing))))
                .project("p2").orElseThrow().server(RESOURCE_ID).orElseThrow();
        assertThat(inPolicy.protectable()).isEqualTo(BackupDataSet.Capability.refused("CSBS.6006",
                "Server (" + RESOURCE_ID + ") status (error) is not allowed to protect."));
        assertThat(inPolicy.restorable()).isEqualTo(BackupDataSet.Capability.refused("CSBS.6014", "Volume(s) not found."));
        assertThat(inPolicy.restoreOutcome().isError()).isTrue();
        assertThat(inPolicy.restoreOutcome().asRestoreOutcome().failReason()).startsWith("restore failed");
    }

    @Test
    void aProjectWithoutQuotasOrServersHasNoRestrictionAndNoneOfItsOwn() throws Exception {
        BackupDataSet.Project project = BackupDataSet.read(write(project("p1", "t1", ""))).project("p1").orElseThrow();

        assertThat(project.quotas()).isEqualTo(BackupDataSet.Quotas.UNLIMITED);
        assertThat(project.servers()).isEmpty();
        assertThat(project.server(RESOURCE_ID)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a quota under -1        | \"quotas\": {\"backups\": -2}                                    | quotas.backups must be -1",
        "a capacity under -1     | \"quotas\": {\"backup_capacity\": -5}                            | quotas.backup_capacity must be -1",
        "an error code when true | \"servers\": [{\"id\": \"5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"name\": \"s\", \"type\": \"OS::Nova::Server\", \"protectable\": {\"error_code\": \"CSBS.6006\"}}] | error_code and error_msg go with result false only",
        "a malformed error code  | \"servers\": [{\"id\": \"5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"name\": \"s\", \"type\": \"OS::Nova::Server\", \"restorable\": {\"result\": false, \"error_code\": \"6006\"}}] | error_code must look like CSBS.6006",
        "a server twice          | \"servers\": [{\"id\": \"5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"name\": \"s\", \"type\": \"OS::Nova::Server\"}, {\"id\": \"5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b\", \"name\": \"t\", \"type\": \"OS::Nova::Server\"}] | server id 5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b appears twice",
    })
    void rejectsBadServersAndQuotas(String name, String field, String expected) throws IOException {
        Path file = write(withField(project("p1", "t1", ""), field));

        assertThatThrownBy(() -> BackupDataSet.read(file)).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON       | {\"projects\": [                                                          | line 1",
        "missing token        | {\"projects\": [{\"id\": \"p1\", \"plans\": []}]}                          | project p1 has no token",
        "unknown field        | {\"projects\": [], \"tenants\": []}                                      | tenants",
        "plan id not a UUID   | {\"projects\": [{\"id\": \"p1\", \"token\": \"t\", \"plans\": [{\"id\": \"x\", \"name\": \"n\", \"resources\": []}]}]} | policy id x is not a UUID",
    })
    void rejectsABadFileWithAMessageThatNamesTheProblem(String name, String json, String expected) throws IOException {
        Path file = write(json);

        assertThatThrownBy(() -> BackupDataSet.read(file))
                .isInstanceOf(BackupDataSet.InvalidDataSetException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void rejectsATokenSharedByTwoProjects() throws IOException {
        Path file = write("{\"projects\": [" + project("p1", "t", "") + "," + project("p2", "t", "") + "]}");

        assertThatThrownBy(() -> BackupDataSet.read(file)).hasMessageContaining("a token is shared by two projects");
    }

    @Test
    void rejectsAResourceOfAnotherType() throws IOException {
        Path file = write(project("p1", "t1", plan(PLAN_ID, resource(RESOURCE_ID).replace("OS::Nova::Server", "OS::Cinder::Volume"))));

        assertThatThrownBy(() -> BackupDataSet.read(file)).hasMessageContaining("not OS::Nova::Server");
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> BackupDataSet.read(folder.resolve("absent.json")))
                .isInstanceOf(BackupDataSet.InvalidDataSetException.class)
                .hasMessageContaining("cannot be read");
    }

    private static final String PLAN_ID = "62171999-3df1-42f7-9513-6f9b1bea4744";
    private static final String RESOURCE_ID = "7a32a8b5-7977-4e24-b5da-e0eb457db75b";

    private static String project(String id, String token, String plans) {
        return "{\"id\": \"" + id + "\", \"token\": \"" + token + "\", \"plans\": [" + plans + "]}";
    }

    private static String plan(String id, String resources) {
        return "{\"id\": \"" + id + "\", \"name\": \"daily\", \"resources\": [" + resources + "]}";
    }

    private static String resource(String id) {
        return "{\"id\": \"" + id + "\", \"name\": \"s\", \"type\": \"OS::Nova::Server\", \"extra_info\": \"{}\"}";
    }

    private static String withField(String object, String field) {
        return object.substring(0, object.length() - 1) + ", " + field + "}";
    }

    private Path write(String json) throws IOException {
        String document = json.startsWith("{\"projects\"") ? json : "{\"projects\": [" + json + "]}";
        return Files.writeString(folder.resolve("data.json"), document);
    }
}
