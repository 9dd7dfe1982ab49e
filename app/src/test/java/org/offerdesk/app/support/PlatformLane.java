package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The lane (see {@link SandboxLane}) of the shared {@link OfferDeskTest} context without the embedded sandbox:
 * every class tagged {@value SandboxLane#SPRING_CONTEXT_TAG} that is neither on the embedded sandbox
 * ({@link SandboxLane}, {@link OnwardClockLane}) nor on a context of its own.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags(SandboxLane.SPRING_CONTEXT_TAG + " & !" + SandboxLane.TAG + " & !" + SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class PlatformLane {}
