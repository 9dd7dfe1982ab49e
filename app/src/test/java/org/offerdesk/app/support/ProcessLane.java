package org.offerdesk.app.support;

import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The lane (see {@link SandboxLane}) of the tests that start OfferDesk as processes of their own from the built
 * jar ({@link LaunchedOfferDesk}: {@code RunCommandIT} and {@code CrashRestartIT}, named
 * {@code *IT} after the integration tests they are). The jar is made before the tests run ({@code app/pom.xml}),
 * so this lane starts with the two longest, in a third JVM: it mostly waits for the processes it launched, which
 * use the cores the other lanes leave idle, instead of running alone after them. Its classes run side by side
 * (as Failsafe ran them, one JVM each), since each mostly waits for its own processes; their test methods run one
 * after the other. Besides this lane only {@link NoContextLane} runs classes at once. Because its classes run at once, the build log's
 * per-class lines ({@code Tests run: … in SomeIT}) mix up their counts; the XML report names each test case by its
 * class, and the module's total is right.
 */
@Suite
@SelectPackages("org.offerdesk.app")
@IncludeClassNamePatterns(ProcessLane.PROCESS_TESTS)
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.enabled", value = "true")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.mode.default", value = "same_thread")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.mode.classes.default", value = "concurrent")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.config.strategy", value = "fixed")
@ConfigurationParameter(key = "junit.jupiter.execution.parallel.config.fixed.parallelism", value = "2")
public class ProcessLane {

  /** The classes Failsafe takes by default: IT*, *IT and *ITCase. */
  static final String PROCESS_TESTS = "^(.+[.$])?(IT[^.$]*|[^.$]*IT|[^.$]*ITCase)$";

  /**
   * {@code RunCommandIT}'s first {@code ./run} start records the class archive: the first start of
   * {@code CrashRestartIT}, which may not record (the test kills it), waits for it rather than start without the
   * archive, as it did when it came first.
   */
  @BeforeSuite
  static void aRecordingStartIsComing() {
    SharedLaunchFolder.expectRecorder();
  }
}
