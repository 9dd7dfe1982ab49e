package org.offerdesk.app.jobs;

/**
 * A job's lifecycle: PENDING until due, RUNNING while an instance holds its lease, then DONE, or back to
 * PENDING with a later due time after a failure, or PARKED when it failed too often and waits for a
 * person to retry it.
 */
public enum JobStatus {
  PENDING,
  RUNNING,
  DONE,
  PARKED;

  public boolean canMoveTo(JobStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == DONE;
      case RUNNING -> next == DONE || next == PENDING || next == PARKED;
      case PARKED -> next == PENDING;
      case DONE -> false;
    };
  }
}
