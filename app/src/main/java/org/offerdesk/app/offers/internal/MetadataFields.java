package org.offerdesk.app.offers.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The metadata fields an admin defines for offers: booking data, registration information, contract metadata. */
@Service
class MetadataFields {

  private static final Pattern KEY = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_]{0,39}$");

  private final JdbcClient jdbc;
  private final AuditLog audit;

  MetadataFields(JdbcClient jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  List<MetadataField> of(UUID organizationId) {
    return jdbc.sql("""
        SELECT * FROM offer_metadata_field WHERE organization_id = ? ORDER BY field_group, position, key""")
        .param(organizationId)
        .query((rs, row) -> new MetadataField(MetadataGroup.valueOf(rs.getString("field_group")), rs.getString("key"),
            rs.getString("label"), MetadataField.Type.valueOf(rs.getString("type")), rs.getBoolean("required")))
        .list();
  }

  /** Replaces the organization's field definitions with these. */
  @Transactional
  List<MetadataField> replace(Caller caller, List<MetadataField> fields) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      MetadataField f = fields.get(i);
      String at = "fields[" + i + "]";
      if (f.group() == null) {
        errors.add(new FieldError(at + ".group", "must be BOOKING, REGISTRATION or CONTRACT"));
      }
      if (f.key() == null || !KEY.matcher(f.key()).matches()) {
        errors.add(new FieldError(at + ".key", "must start with a letter and hold letters, digits or _"));
      } else if (!seen.add(f.group() + ":" + f.key())) {
        errors.add(new FieldError(at + ".key", "is defined twice in its group"));
      }
      if (f.label() == null || f.label().isBlank() || f.label().length() > 100) {
        errors.add(new FieldError(at + ".label", "must be 1 to 100 characters"));
      }
      if (f.type() == null) {
        errors.add(new FieldError(at + ".type", "must be one of " + List.of(MetadataField.Type.values())));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    jdbc.sql("DELETE FROM offer_metadata_field WHERE organization_id = ?").param(caller.organizationId()).update();
    for (int i = 0; i < fields.size(); i++) {
      MetadataField f = fields.get(i);
      jdbc.sql("""
          INSERT INTO offer_metadata_field (organization_id, field_group, key, label, type, required, position)
          VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(caller.organizationId(), f.group().name(), f.key(), f.label().strip(), f.type().name(), f.required(),
              i)
          .update();
    }
    audit.record(caller, "offers.metadata_fields_saved", fields.size() + " fields", null);
    return of(caller.organizationId());
  }
}
