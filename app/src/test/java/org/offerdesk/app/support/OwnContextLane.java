package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The lane (see {@link SandboxLane}) of the classes on a context of their own ({@link OwnContext}): taken by
 * whichever JVM finishes its first lane first.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags(SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class OwnContextLane {}
