package com.example.csbs.stub.junit;

import com.example.csbs.stub.journal.JournalOptions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a CSBS stub in-process, on 127.0.0.1 and a free port, for the annotated test class: one for
 * the class (default), or one for each test method. Tests get its base URI, its request journal and
 * its setup as parameters of type {@link java.net.URI}, {@link com.example.csbs.stub.journal.StubJournal}
 * and {@link com.example.csbs.stub.admin.StubSetup}, or in fields of those types marked {@link InjectStub}.
 * Each class (each method with {@code perMethod}) has a stub of its own, so classes may run in
 * parallel. {@code @Nested} classes share their enclosing class's stub unless annotated themselves.
 *
 * <p>With {@code verifyContract} (the default), a test fails if the code under test sent the stub a
 * request that the CSBS contract does not allow, naming the request and the validator's messages,
 * even when the code went on as if nothing happened.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CsbsStubExtension.class)
public @interface CsbsStub {

    /**
     * The data set: a classpath resource ({@code "backup-data.json"}, as {@code ClassLoader.getResource}
     * names it), else a file path; empty for the embedded default (project
     * {@code b942cc8342734d15bcb246babb1953cf}, token {@code csbs-demo-token}, ...).
     */
    String dataSet() default "";

    /** A stub for each test method (its own data set, backups and journal) instead of one for the class. */
    boolean perMethod() default false;

    /**
     * Fail a test when a request sent to the stub during it is not valid against the CSBS contract. On by
     * default: such a request is a bug that CSBS answers with an error, and the code under test may hide
     * the error. Off for a class that sends invalid requests on purpose.
     */
    boolean verifyContract() default true;

    /** How long backups take, in ISO-8601 ({@code "PT0S"}: at once); empty for the stub's default (3 s). */
    String backupDuration() default "";

    /** How long deletions take, in ISO-8601; empty for the stub's default (1 s). */
    String deleteDuration() default "";

    /** How long a restoration takes (ISO-8601, {@code PT0S} for at once); empty: the backup duration. */
    String restoreDuration() default "";

    /** Requests the journal keeps; 0 switches it off (and {@code verifyContract} with it). */
    int journalSize() default JournalOptions.DEFAULT_SIZE;

    /**
     * The token the admin API ({@code /__admin/}) asks for, as a shared stub's does ({@code Authorization: Bearer
     * <token>}): for code under test that calls the admin API over HTTP. Empty: the admin API needs none. The
     * journal and setup the test gets need no token.
     */
    String adminToken() default "";
}
