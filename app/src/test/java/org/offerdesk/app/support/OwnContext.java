package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class whose Spring context is its own (or shared by a few classes only: its own properties,
 * imports, mail server or production mode) and that needs no embedded sandbox: it runs in the
 * {@link SandboxLane}, not the {@link PlatformLane}, which otherwise holds the shared {@link OfferDeskTest} and
 * moving-clock contexts as well and ran about twice as long (1,617 s against 804 s in a run at load 15-45), one
 * core idle meanwhile. A new class with a context of its own may take it wherever it balances the lanes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SandboxLane.OWN_CONTEXT_TAG)
public @interface OwnContext {}
