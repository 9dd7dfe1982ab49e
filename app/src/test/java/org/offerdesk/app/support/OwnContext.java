package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class whose Spring context is its own (or shared by a few classes only: its own properties,
 * imports, mail server or production mode): it runs in the {@link OwnContextLane}, which the first JVM done with
 * its shared contexts takes. A {@link SandboxTest} with properties of its own carries it too: its context starts
 * anyway, and there it runs beside the shared sandbox context instead of after it, in the longest lane.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SandboxLane.OWN_CONTEXT_TAG)
public @interface OwnContext {}
