package org.offerdesk.app.approvals.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An organization's approval rules, in the order its admins wrote them. */
@Repository
class ApprovalRuleStore {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  ApprovalRuleStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  List<ApprovalRule> rules(UUID organizationId) {
    return jdbc.sql("""
        SELECT kind, threshold, approver_role, approvers FROM approval_rule WHERE organization_id = ?
        ORDER BY position""")
        .param(organizationId)
        .query((rs, n) -> new ApprovalRule(RuleKind.valueOf(rs.getString("kind")), rs.getBigDecimal("threshold"),
            rs.getString("approver_role") == null ? null : Role.valueOf(rs.getString("approver_role")),
            read(rs.getString("approvers"))))
        .list();
  }

  boolean hasRule(UUID organizationId, RuleKind kind) {
    return jdbc.sql("SELECT count(*) FROM approval_rule WHERE organization_id = ? AND kind = ?")
        .params(organizationId, kind.name()).query(Long.class).single() > 0;
  }

  /** Replaces the organization's rules with these (in the caller's transaction). */
  void replace(UUID organizationId, List<ApprovalRule> rules) {
    jdbc.sql("DELETE FROM approval_rule WHERE organization_id = ?").param(organizationId).update();
    for (int i = 0; i < rules.size(); i++) {
      ApprovalRule r = rules.get(i);
      jdbc.sql("""
          INSERT INTO approval_rule (organization_id, position, kind, threshold, approver_role, approvers)
          VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))""")
          .params(organizationId, i, r.kind().name(), r.threshold(),
              r.approverRole() == null ? null : r.approverRole().name(), write(r.approvers()))
          .update();
    }
  }

  private List<String> read(String json) {
    try {
      return mapper.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable approvers: " + json, e);
    }
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
