package com.example.csbs.stub.admin;

import com.example.csbs.stub.journal.StubJournal;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The way into one stub started in this JVM, for tests that start it themselves (the JUnit
 * extension does this for its tests): pass it with {@code StubOptions.withControl}, then use its
 * journal and setup.
 *
 * <pre>{@code
 * StubControl control = new StubControl();
 * try (StubServer stub = StubServer.start("127.0.0.1", 0, BackupDataSet.embeddedDefault(),
 *         StubOptions.defaults().withControl(control))) {
 *     control.setup().setNextBackups(NextBackups.endingAs(BackupOutcome.DEFAULT_ERROR));
 *     // ... the code under test calls stub.baseUri() ...
 *     control.journal().verifyContract();
 * }
 * }</pre>
 */
public final class StubControl {

    /** What a started stub hands over. */
    public record Handles(StubJournal journal, StubSetup setup) {
    }

    private final AtomicReference<Handles> handles = new AtomicReference<>();

    /** The stub's application calls this when it is built; a control serves one stub. */
    public void attach(Handles started) {
        if (!handles.compareAndSet(null, started)) {
            throw new IllegalStateException("this StubControl already serves a stub: use a new one for each stub");
        }
    }

    public StubJournal journal() {
        return handles().journal();
    }

    public StubSetup setup() {
        return handles().setup();
    }

    private Handles handles() {
        Handles started = handles.get();
        if (started == null) {
            throw new IllegalStateException("no stub started with this StubControl (StubOptions.withControl)");
        }
        return started;
    }
}
