package org.offerdesk.app.support;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * One of the two lanes {@code ./mvnw verify} runs the platform's tests in: every test class on a context
 * with the embedded sandbox (tagged {@value #TAG} by {@link SandboxTest}), and the classes on a context of their
 * own ({@link OwnContext}). Surefire runs the two lanes in two
 * JVMs at the same time ({@code forkCount} 2 in {@code app/pom.xml}), so one JVM's waits for the sandbox,
 * job workers and browser overlap the other's work; {@link PlatformLane} has the rest. Inside a lane
 * {@link ContextGroupOrder} still runs the classes of one context together. A lane is a whole set of
 * contexts, so no context starts in both JVMs. Surefire writes one XML report per lane, each test case
 * named by its class; the build log still gives each class's time ({@code Tests run: … in SomeTest}).
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeTags("(" + SandboxLane.TAG + " & !" + SandboxLane.MOVING_CLOCK_TAG + ") | " + SandboxLane.OWN_CONTEXT_TAG)
@IncludeClassNamePatterns(SandboxLane.TEST_CLASSES)
public class SandboxLane {

  /** The tag of the classes of this lane. */
  public static final String TAG = "sandbox-lane";
  /**
   * The tag of the moving-clock sandbox context ({@link SandboxClockTest}): its classes run in
   * {@link PlatformLane}, which otherwise waits half the build for this lane (in a clean-clone run the sandbox
   * lane took 346 s and the platform lane 142 s).
   */
  public static final String MOVING_CLOCK_TAG = "moving-clock";
  /** The tag of {@link OwnContext}: classes on a context of their own without the sandbox, which run in this lane. */
  public static final String OWN_CONTEXT_TAG = "own-context";

  /** The classes Surefire takes for tests by default: Test*, *Test, *Tests and *TestCase. */
  static final String TEST_CLASSES = "^(.+[.$])?(Test[^.$]*|[^.$]*Tests?|[^.$]*TestCase)$";
}
