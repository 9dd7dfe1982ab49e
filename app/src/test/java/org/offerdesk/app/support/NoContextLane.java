package org.offerdesk.app.support;

import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The last lane (see {@link SandboxLane}): the tests without a Spring context (domain, architecture and unit
 * tests), the shortest, which fill the end of whichever JVM is free. A jqwik class on a Spring context carries
 * jqwik's own {@code @Tag(SandboxLane.SPRING_CONTEXT_TAG)}, since jqwik does not see the tag of
 * {@link OfferDeskTest}; without it the class would start its context here as well.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@ExcludeTags({SandboxLane.SPRING_CONTEXT_TAG, SandboxLane.OWN_CONTEXT_TAG})
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class NoContextLane {}
