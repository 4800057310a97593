package com.example.csbs.stub.junit;

import com.example.csbs.stub.StubOptions;
import com.example.csbs.stub.StubServer;
import com.example.csbs.stub.admin.StubControl;
import com.example.csbs.stub.admin.StubSetup;
import com.example.csbs.stub.data.BackupDataSet;
import com.example.csbs.stub.journal.JournalOptions;
import com.example.csbs.stub.journal.StubJournal;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit 5 extension behind {@link CsbsStub}: starts the stub through {@link StubServer}'s public
 * API, keeps it in the {@link ExtensionContext.Store} of the class (or of the test method), where
 * JUnit closes it when that ends, hands out its base URI, journal and setup, and after each test
 * checks the requests recorded during the test against the contract.
 */
public final class CsbsStubExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CsbsStubExtension.class);
    private static final String JOURNAL_MARK = "journal-mark";
    private static final Set<Class<?>> HANDLES = Set.of(URI.class, StubJournal.class, StubSetup.class);

    /** A started stub and its handles; JUnit closes it with the store it is kept in. */
    static final class RunningStub implements AutoCloseable {
        private final StubServer server;
        private final StubJournal journal;
        private final StubSetup setup;

        RunningStub(StubServer server, StubControl control) {
            this.server = server;
            this.journal = control.journal();
            this.setup = control.setup();
        }

        Object handle(Class<?> type) {
            if (type == URI.class) {
                return server.baseUri();
            }
            return type == StubJournal.class ? journal : setup;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** The annotation in force for a test class and the class that carries it (the class or an enclosing one). */
    private record Config(CsbsStub stub, Class<?> declaredOn) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Config config = config(testClass);
        if (!config.stub().perMethod() && config.declaredOn() == testClass) {
            context.getStore(NAMESPACE).getOrComputeIfAbsent(classKey(testClass), key -> start(config), RunningStub.class);
        }
        for (Field field : injectedFields(testClass)) {
            if (Modifier.isStatic(field.getModifiers())) {
                if (config.stub().perMethod()) {
                    throw new ExtensionConfigurationException("@InjectStub static field " + field
                            + ": a per-method stub is not there for the class; make the field an instance field");
                }
                inject(field, null, stub(context));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunningStub stub = stub(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : injectedFields(instance.getClass())) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    inject(field, instance, stub);
                }
            }
        }
        context.getStore(NAMESPACE).put(JOURNAL_MARK, stub.journal.lastId());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!config(context.getRequiredTestClass()).stub().verifyContract()) {
            return;
        }
        Long mark = context.getStore(NAMESPACE).get(JOURNAL_MARK, Long.class);
        stub(context).journal.verifyContractSince(mark == null ? 0 : mark);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return HANDLES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty() && config(context.getRequiredTestClass()).stub().perMethod()) {
            throw new ParameterResolutionException("a per-method CSBS stub is not started when the test class is"
                    + " constructed: take " + parameter.getParameter() + " as a parameter of the test method");
        }
        return stub(context).handle(parameter.getParameter().getType());
    }

    /** The stub of this test: the method's own (started now if need be) or the class's. */
    private static RunningStub stub(ExtensionContext context) {
        Config config = config(context.getRequiredTestClass());
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (config.stub().perMethod() && context.getTestMethod().isPresent()) {
            return store.getOrComputeIfAbsent("stub:" + context.getUniqueId(), key -> start(config), RunningStub.class);
        }
        RunningStub stub = store.get(classKey(config.declaredOn()), RunningStub.class);
        if (stub == null) {
            throw new ExtensionConfigurationException("no CSBS stub for " + context.getRequiredTestClass().getName()
                    + " (is it a @CsbsStub class?)");
        }
        return stub;
    }

    private static String classKey(Class<?> testClass) {
        return "stub:" + testClass.getName();
    }

    /** The @CsbsStub of the class, its superclasses or, for a @Nested class, its enclosing classes. */
    private static Config config(Class<?> testClass) {
        for (Class<?> candidate = testClass; candidate != null; candidate = candidate.getEnclosingClass()) {
            Optional<CsbsStub> found = AnnotationSupport.findAnnotation(candidate, CsbsStub.class);
            if (found.isPresent()) {
                return new Config(found.get(), candidate);
            }
        }
        throw new ExtensionConfigurationException(testClass.getName() + " is not annotated with @CsbsStub");
    }

    private static RunningStub start(Config config) {
        CsbsStub stub = config.stub();
        String where = "@CsbsStub on " + config.declaredOn().getName() + ": ";
        if (stub.verifyContract() && stub.journalSize() == 0) {
            throw new ExtensionConfigurationException(where + "verifyContract needs the journal (journalSize > 0)");
        }
        StubOptions options;
        try {
            options = StubOptions.defaults().withJournal(new JournalOptions(stub.journalSize(), JournalOptions.DEFAULT_BODY_LIMIT));
            if (!stub.backupDuration().isEmpty()) {
                options = options.withBackupDuration(duration(stub.backupDuration(), where + "backupDuration"));
            }
            if (!stub.deleteDuration().isEmpty()) {
                options = options.withDeleteDuration(duration(stub.deleteDuration(), where + "deleteDuration"));
            }
            if (!stub.restoreDuration().isEmpty()) {
                options = options.withRestoreDuration(duration(stub.restoreDuration(), where + "restoreDuration"));
            }
            if (!stub.adminToken().isEmpty()) {
                options = options.withAdminToken(stub.adminToken());
            }
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + e.getMessage(), e);
        }
        BackupDataSet dataSet = dataSet(stub.dataSet(), config.declaredOn(), where);
        if (stub.verifyContract()) {
            StubJournal.prepareVerdicts(); // the contract's validator is built while the stub starts, not after
        }
        StubControl control = new StubControl();
        StubServer server = StubServer.start("127.0.0.1", 0, dataSet, options.withControl(control));
        return new RunningStub(server, control);
    }

    private static Duration duration(String iso, String what) {
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw new ExtensionConfigurationException(what + " must be ISO-8601 (PT0S, PT3S, PT2M), was " + iso, e);
        }
    }

    private static BackupDataSet dataSet(String name, Class<?> testClass, String where) {
        if (name.isEmpty()) {
            return BackupDataSet.embeddedDefault();
        }
        try {
            ClassLoader loader = testClass.getClassLoader();
            URL resource = loader == null ? null : loader.getResource(name.startsWith("/") ? name.substring(1) : name);
            if (resource != null) {
                return BackupDataSet.read(resource);
            }
            Path file = Path.of(name);
            if (Files.isRegularFile(file)) {
                return BackupDataSet.read(file);
            }
        } catch (BackupDataSet.InvalidDataSetException e) {
            throw new ExtensionConfigurationException(where + "invalid data set " + e.getMessage(), e);
        }
        throw new ExtensionConfigurationException(where + "data set " + name
                + " is neither a classpath resource nor a file");
    }

    private static List<Field> injectedFields(Class<?> testClass) {
        return AnnotationSupport.findAnnotatedFields(testClass, InjectStub.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static void inject(Field field, Object instance, RunningStub stub) {
        if (!HANDLES.contains(field.getType())) {
            throw new ExtensionConfigurationException("@InjectStub field " + field + " must be a URI, StubJournal or StubSetup");
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException("@InjectStub field " + field + " must not be final");
        }
        try {
            field.setAccessible(true);
            field.set(instance, stub.handle(field.getType()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot set @InjectStub field " + field, e);
        }
    }
}
