package org.offerdesk.app.approvals.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject.SubjectType;
import org.offerdesk.app.web.table.TableQuery;
import org.offerdesk.app.sql.SqlReads;
import org.offerdesk.app.web.StoredJson;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approval requests in PostgreSQL; every query is scoped to one organization. */
@Repository
class ApprovalRequestStore {

  private static final TypeReference<List<ApprovalRequest.RequestRule>> RULES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};
  private static final TypeReference<List<ApprovalRequest.Fact>> FACTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  ApprovalRequestStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = StoredJson.mapper(mapper);
  }

  void insert(ApprovalRequest r) {
    jdbc.sql("""
        INSERT INTO approval_request (id, organization_id, subject_type, subject_id, title, link, status, rules, facts,
          watched, requested_by, requested_by_user, requested_at, decided_by, decided_at, comment, version)
        VALUES (:id, :org, :type, :subject, :title, :link, :status, CAST(:rules AS jsonb), CAST(:facts AS jsonb),
          CAST(:watched AS jsonb), :requestedBy, :requestedByUser, :requestedAt, :decidedBy, :decidedAt, :comment, 0)""")
        .paramSource(params(r)).update();
  }

  /** Saves a changed request if nobody saved it since it was read; false otherwise. */
  boolean update(ApprovalRequest r) {
    return jdbc.sql("""
        UPDATE approval_request SET status = :status, rules = CAST(:rules AS jsonb), decided_by = :decidedBy,
          decided_at = :decidedAt, comment = :comment, version = version + 1
        WHERE organization_id = :org AND id = :id AND version = :version""")
        .paramSource(params(r)).update() == 1;
  }

  Optional<ApprovalRequest> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM approval_request WHERE organization_id = ? AND id = ?")
        .params(organizationId, id).query(this::map).optional();
  }

  /** The subject's latest request (locked for the caller's transaction), if any. */
  Optional<ApprovalRequest> latest(UUID organizationId, UUID subjectId) {
    return jdbc.sql("""
        SELECT * FROM approval_request WHERE organization_id = ? AND subject_id = ?
        ORDER BY requested_at DESC, id DESC LIMIT 1 FOR UPDATE""")
        .params(organizationId, subjectId).query(this::map).optional();
  }

  TableQuery<ApprovalRequest> table(UUID organizationId, ApprovalTable.Filter f) {
    return TableQuery.of(jdbc, "approval_request", organizationId, this::map)
        .equal("status", f.status())
        .equal("subject_type", f.subjectType())
        .search("lower(title) LIKE :like OR CAST(subject_id AS text) = :exact OR lower(requested_by) LIKE :like",
            f.q());
  }

  SqlReads.Read<Long> pending(UUID organizationId) {
    return SqlReads.Read.of("SELECT count(*) FROM approval_request WHERE organization_id = ? AND status = 'PENDING'",
        SqlReads.Read.count(), organizationId);
  }

  private MapSqlParameterSource params(ApprovalRequest r) {
    return new MapSqlParameterSource()
        .addValue("id", r.id()).addValue("org", r.organizationId()).addValue("type", r.subjectType().name())
        .addValue("subject", r.subjectId()).addValue("title", r.title()).addValue("link", r.link())
        .addValue("status", r.status().name()).addValue("rules", write(r.rules()))
        .addValue("facts", write(r.facts())).addValue("watched", write(r.watched()))
        .addValue("requestedBy", r.requestedBy()).addValue("requestedByUser", r.requestedByUser())
        .addValue("requestedAt", Timestamp.from(r.requestedAt()))
        .addValue("decidedBy", r.decidedBy())
        .addValue("decidedAt", r.decidedAt() == null ? null : Timestamp.from(r.decidedAt()))
        .addValue("comment", r.comment()).addValue("version", r.version());
  }

  private ApprovalRequest map(ResultSet rs, int n) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new ApprovalRequest(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        SubjectType.valueOf(rs.getString("subject_type")), rs.getObject("subject_id", UUID.class),
        rs.getString("title"), rs.getString("link"), ApprovalStatus.valueOf(rs.getString("status")),
        read(rs.getString("rules"), RULES), read(rs.getString("facts"), FACTS), read(rs.getString("watched"), TEXTS),
        rs.getString("requested_by"), rs.getObject("requested_by_user", UUID.class),
        rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
        decided == null ? null : decided.toInstant(), rs.getString("comment"), rs.getInt("version"));
  }

  private <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable approval request column: " + json, e);
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
