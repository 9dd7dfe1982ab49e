package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * One of the six lanes {@code ./mvnw verify} runs the platform's tests in: the classes on the shared
 * {@link SandboxTest} context (tagged {@value #TAG}); the few that add properties to it, and so start a context
 * of their own, are {@link OwnContext} and run in {@link OwnContextLane}. A lane is a whole
 * set of Spring contexts, so no context starts in two JVMs; inside a lane {@link ContextGroupOrder} runs the
 * classes of one context together.
 *
 * <p>Surefire runs the lanes in three JVMs ({@code forkCount} 3 in {@code app/pom.xml}), handing the next lane to
 * whichever JVM is free, in reverse name order: this lane, {@link ProcessLane} (the tests that launch OfferDesk
 * processes, which mostly wait for them) and {@link PlatformLane} start at once, then {@link OwnContextLane},
 * {@link OnwardClockLane} and the short {@link NoContextLane} go to the first JVMs done, so that the JVMs end
 * together however the tests grow. Between
 * them the lanes run every test class exactly once, whatever its package. Surefire writes one XML report per lane,
 * each test case named by its class; the build log still gives each class's time ({@code Tests run: … in
 * SomeTest}), except in {@link ProcessLane}, whose classes run at once.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags(SandboxLane.SPRING_CONTEXT_TAG + " & " + SandboxLane.TAG + " & !" + SandboxLane.MOVING_CLOCK_TAG
    + " & !" + SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class SandboxLane {

  /** The tag of the classes on a context of {@link OfferDeskTest} (and so of its variants). */
  public static final String SPRING_CONTEXT_TAG = "spring-context";
  /** The tag of the classes of this lane. */
  public static final String TAG = "sandbox-lane";
  /**
   * The tag of the moving-clock sandbox context ({@link SandboxClockTest}): its classes run in a lane of their
   * own, {@link OnwardClockLane}, rather than after this one (in a clean-clone run the sandbox lane took 346 s and
   * the platform lane 142 s) or in {@link PlatformLane}, which starts first.
   */
  public static final String MOVING_CLOCK_TAG = "moving-clock";
  /** The tag of {@link OwnContext}: classes on a context of their own, which run in {@link OwnContextLane}. */
  public static final String OWN_CONTEXT_TAG = "own-context";

  /** The classes Surefire takes for tests by default: Test*, *Test, *Tests and *TestCase. */
  static final String TEST_CLASSES = "^(.+[.$])?(Test[^.$]*|[^.$]*Tests?|[^.$]*TestCase)$";
}
