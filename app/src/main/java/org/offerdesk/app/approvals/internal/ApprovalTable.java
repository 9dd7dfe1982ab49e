package org.offerdesk.app.approvals.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject.SubjectType;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/** The approval requests table as the API and the Approvals page read it: filters and sorts. */
final class ApprovalTable {

  private ApprovalTable() {}

  /** What the table can be filtered by; null means any. */
  record Filter(ApprovalStatus status, SubjectType subjectType, String q) {
    static Filter from(TableParams p) {
      return new Filter(p.choice("status", ApprovalStatus.class), p.choice("subjectType", SubjectType.class),
          p.text("q"));
    }

    Filter anyStatus() {
      return new Filter(null, subjectType, q);
    }
  }

  static final SortKey<ApprovalRequest> NEWEST = SortKey.byId("newest", "requested_at", SortKey.Type.TIMESTAMP, true,
      r -> r.requestedAt().toString(), ApprovalRequest::id);
  static final SortKey<ApprovalRequest> OLDEST = SortKey.byId("oldest", "requested_at", SortKey.Type.TIMESTAMP,
      false, r -> r.requestedAt().toString(), ApprovalRequest::id);

  private static final Map<String, SortKey<ApprovalRequest>> SORTS = Map.of(
      "-requestedAt", NEWEST, "requestedAt", OLDEST, "newest", NEWEST, "oldest", OLDEST);

  static SortKey<ApprovalRequest> sort(TableParams p) {
    return p.sort(SORTS, NEWEST, OLDEST);
  }

  static List<FilterField> fields() {
    Map<String, String> sorts = new LinkedHashMap<>();
    sorts.put("newest", "Newest first");
    sorts.put("oldest", "Oldest first");
    return List.of(
        FilterField.search("Offer name or ID, requested by", 4),
        FilterField.choice("subjectType", "Subject", SubjectType.class, 3),
        FilterField.choice("sort", "Sort", null, sorts, 2));
  }
}
