package org.offerdesk.app.support;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The last lane (see {@link SandboxLane}): the tests without a Spring context (domain, architecture and unit
 * tests), the shortest, which fill the end of whichever JVM is free. A jqwik class on a Spring context carries
 * jqwik's own {@code @Tag(SandboxLane.SPRING_CONTEXT_TAG)}, since jqwik does not see the tag of
 * {@link OfferDeskTest}; without it the class would start its context here as well.
 *
 * <p>Its classes run two at a time (their methods one after the other): the lane usually ends the build, when the
 * other JVMs are done and a core would otherwise idle, and a third of its time is one class reading every main
 * class for the architecture tests ({@link MainClasses}), which the others can run beside. They share no state
 * but those read-only classes; each test that starts a server or a database takes a port or a name of its own.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@ExcludeTags({SandboxLane.SPRING_CONTEXT_TAG, SandboxLane.OWN_CONTEXT_TAG})
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.enabled", value = "true")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.mode.default", value = "same_thread")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.mode.classes.default", value = "concurrent")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.config.strategy", value = "fixed")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.config.fixed.parallelism", value = "2")
public class NoContextLane {}
