package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The other lane of the platform's tests (see {@link SandboxLane}): every test class not tagged
 * {@value SandboxLane#TAG}, that is the unit tests and the {@link OfferDeskTest} contexts without the
 * embedded sandbox, plus the moving-clock sandbox context's classes (tagged
 * {@value SandboxLane#MOVING_CLOCK_TAG}), which balance the two lanes, but not the classes on a context of
 * their own ({@link OwnContext}). Between them the two lanes run every test class exactly once, whatever its package.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags("(!" + SandboxLane.TAG + " | " + SandboxLane.MOVING_CLOCK_TAG + ") & !" + SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class PlatformLane {}
