package org.offerdesk.app.offers.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.support.SqlValue;

/** A list of strings bound as a PostgreSQL text[]. */
record SqlTextArray(List<String> values) implements SqlValue {

  @Override
  public void setValue(PreparedStatement ps, int paramIndex) throws SQLException {
    Connection c = ps.getConnection();
    ps.setArray(paramIndex, c.createArrayOf("text", values.toArray()));
  }

  @Override
  public void cleanup() {
    // nothing held
  }
}
