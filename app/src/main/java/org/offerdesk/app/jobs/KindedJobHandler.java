package org.offerdesk.app.jobs;

/**
 * A {@link JobHandler} that states its {@link JobKind} once, in its constructor, instead of overriding
 * {@link #kind()}, {@link #callsOut()} and {@link #maxAttempts()} one by one.
 */
public abstract class KindedJobHandler implements JobHandler {

  private final JobKind jobKind;

  protected KindedJobHandler(JobKind jobKind) {
    this.jobKind = jobKind;
  }

  @Override
  public String kind() {
    return jobKind.name();
  }

  @Override
  public boolean callsOut() {
    return jobKind.callsOut();
  }

  @Override
  public int maxAttempts() {
    return jobKind.maxAttempts();
  }
}
