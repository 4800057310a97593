package com.example.csbs.stub.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a {@link CsbsStub} test class that gets the stub's base URI ({@link java.net.URI}), its
 * request journal ({@link com.example.csbs.stub.journal.StubJournal}) or its setup
 * ({@link com.example.csbs.stub.admin.StubSetup}), by the field's type. A static field only with one stub
 * for the class (not {@code perMethod}).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectStub {
}
