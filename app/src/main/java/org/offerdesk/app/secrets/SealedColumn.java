package org.offerdesk.app.secrets;

import java.util.regex.Pattern;

/**
 * A column holding values sealed by {@link SecretBox}, declared as a bean by the module that owns the
 * table, so that re-sealing after a key rotation ({@link SecretRekeying}) finds every stored secret.
 *
 * @param table the table
 * @param idColumn its primary key (a single column)
 * @param column the column with sealed values (NULL allowed)
 */
public record SealedColumn(String table, String idColumn, String column) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

  public SealedColumn {
    for (String name : new String[] {table, idColumn, column}) {
      // The names go into SQL text; only plain identifiers are allowed.
      if (name == null || !IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
      }
    }
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
