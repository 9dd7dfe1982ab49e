package org.offerdesk.app.approvals.internal;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.approvals.ApprovalSubject;
import org.offerdesk.app.approvals.ApprovalSubject.Facts;
import org.offerdesk.app.money.MoneyFormat;

/** What an approver reads about a subject, as lines kept with the request (the subject may change later). */
final class ApprovalFacts {

  private ApprovalFacts() {}

  static List<ApprovalRequest.Fact> of(ApprovalSubject subject) {
    Facts f = subject.facts();
    List<ApprovalRequest.Fact> lines = new ArrayList<>();
    if (f.resaleGrant()) {
      lines.add(new ApprovalRequest.Fact("Grant", "a resale authorization to a partner"));
    }
    if (f.contractValue() != null) {
      lines.add(new ApprovalRequest.Fact("Contract value", MoneyFormat.display(f.contractValue())));
    }
    if (f.discount() != null) {
      lines.add(new ApprovalRequest.Fact("Discount", f.discount().known()
          ? f.discount().percent().setScale(2, RoundingMode.HALF_UP).toPlainString() + "% off the list price "
              + MoneyFormat.display(f.discount().listValue())
          : "unknown: " + f.discount().unknownBecause()));
    }
    if (f.durationMonths() != null) {
      lines.add(new ApprovalRequest.Fact("Duration", f.durationMonths() + " months"));
    }
    if (!f.resaleGrant()) {
      lines.add(new ApprovalRequest.Fact("Installments", f.installments() == 0 ? "none (charged at acceptance)"
          : String.valueOf(f.installments())));
      lines.add(new ApprovalRequest.Fact("Legal terms", f.customEula() ? "custom EULA" : "standard contract"));
    }
    if (subject.owner() != null) {
      lines.add(new ApprovalRequest.Fact("Owner", subject.owner()));
    }
    return lines;
  }
}
