package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The lane (see {@link SandboxLane}) of the moving-clock sandbox context ({@link SandboxClockTest}, whose clock only
 * ever moves onward), one context on its own: handed out after {@link OwnContextLane} and before the short
 * {@link NoContextLane}, to whichever JVM is free then, instead of lengthening {@link PlatformLane}, which starts with
 * the first two: the long lanes first and the short ones last let the three JVMs end closer together. Named to come
 * between those two in reverse name order.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags(SandboxLane.SPRING_CONTEXT_TAG + " & " + SandboxLane.MOVING_CLOCK_TAG + " & !" + SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class OnwardClockLane {}
