package org.offerdesk.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds SQL in Java source that reads, updates or deletes a tenant's row by its id without also
 * filtering by {@code organization_id}: such a query serves another organization's row to whoever
 * holds its id. Tenant tables are those whose Flyway migration gives them an {@code organization_id}.
 *
 * <p>A deliberately simple reader, not a SQL parser: it joins string literals and text blocks that are
 * concatenated (an expression between them becomes {@code ?}), keeps those that start like a statement,
 * and looks for {@code [alias.]id = ?}, {@code = :name}, {@code IN (} or {@code = ANY(}.
 */
final class TenantQueryLint {

  /** A statement that locates a tenant's row by id and does not say whose. */
  record Violation(String file, int line, String table, String sql) {
    @Override
    public String toString() {
      return file + ":" + line + " (" + table + ") " + sql;
    }
  }

  private static final Pattern CREATE_TABLE = Pattern.compile(
      "create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)\\s*\\((.*?)\\);", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ADD_ORGANIZATION = Pattern.compile(
      "alter\\s+table\\s+(\\w+)\\s+add\\s+(?:column\\s+)?organization_id\\b", Pattern.CASE_INSENSITIVE);
  // A literal: a text block or an ordinary string (escapes kept as they are).
  private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);
  // What may join two literals of one statement: "+", or "+ expression +" with no string inside.
  private static final Pattern JOIN = Pattern.compile("^\\s*\\+\\s*(?:[\\w.]+(?:\\([^()\";]*\\))?\\s*\\+\\s*)?(?=\")");
  private static final Pattern STATEMENT = Pattern.compile("^\\s*(select|update|delete|with)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern TABLE = Pattern.compile("\\b(?:from|join|update)\\s+(\\w+)(?:\\s+(?:as\\s+)?(\\w+))?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BY_ID = Pattern.compile(
      "\\b(?:(\\w+)\\.)?id\\s*(?:=\\s*(?:\\?|:\\w+|any\\s*\\()|in\\s*\\()", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORGANIZATION_FILTER = Pattern.compile("\\borganization_id\\s*(?:=|in\\b)",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> NOT_ALIASES = Set.of("where", "set", "on", "join", "left", "inner", "order",
      "group", "limit", "for", "using", "returning", "cross", "full", "right", "natural", "union");

  private final Set<String> tenantTables;

  TenantQueryLint(Set<String> tenantTables) {
    this.tenantTables = Set.copyOf(tenantTables);
  }

  /** The tables that have an organization_id column, read from the migrations' SQL. */
  static Set<String> tenantTables(Path migrations) {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(migrations)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
        String sql = Files.readString(file).replaceAll("--[^\\n]*", "");
        Matcher create = CREATE_TABLE.matcher(sql);
        while (create.find()) {
          if (Pattern.compile("\\borganization_id\\b").matcher(create.group(2)).find()) {
            tables.add(create.group(1).toLowerCase(Locale.ROOT));
          }
        }
        Matcher alter = ADD_ORGANIZATION.matcher(sql);
        while (alter.find()) {
          tables.add(alter.group(1).toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  /** Every violation in the Java files under a source folder. */
  List<Violation> scan(Path sources) {
    List<Violation> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        found.addAll(check(sources.relativize(file).toString(), Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** The violations in one Java source text. */
  List<Violation> check(String file, String javaSource) {
    // A quote as a char literal would open a string for this reader; blank it (same length, same lines).
    String source = javaSource.replace("'\"'", "' '").replace("'\\\"'", "'  '");
    List<Violation> found = new ArrayList<>();
    Matcher literal = LITERAL.matcher(source);
    int from = 0;
    while (from < source.length() && literal.find(from)) {
      int start = literal.start();
      StringBuilder sql = new StringBuilder(text(literal));
      int end = literal.end();
      Matcher join = JOIN.matcher(source.substring(end));
      while (join.find()) {
        boolean expression = join.group().replaceAll("[\\s+]", "").length() > 0;
        int next = end + join.end();
        if (!literal.find(next) || literal.start() != next) {
          break;
        }
        sql.append(expression ? " ? " : "").append(text(literal));
        end = literal.end();
        join = JOIN.matcher(source.substring(end));
      }
      String statement = sql.toString().replaceAll("\\s+", " ").trim();
      if (STATEMENT.matcher(statement).find()) {
        int line = (int) source.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        violation(file, line, statement).ifPresent(found::add);
      }
      from = end;
    }
    return found;
  }

  private java.util.Optional<Violation> violation(String file, int line, String statement) {
    if (ORGANIZATION_FILTER.matcher(statement).find()) {
      return java.util.Optional.empty();
    }
    Map<String, String> aliases = new HashMap<>();
    String mainTable = null;
    Matcher t = TABLE.matcher(statement);
    while (t.find()) {
      String table = t.group(1).toLowerCase(Locale.ROOT);
      if (mainTable == null) {
        mainTable = table;
      }
      aliases.put(table, table);
      if (t.group(2) != null && !NOT_ALIASES.contains(t.group(2).toLowerCase(Locale.ROOT))) {
        aliases.put(t.group(2).toLowerCase(Locale.ROOT), table);
      }
    }
    Matcher id = BY_ID.matcher(statement);
    while (id.find()) {
      String table = id.group(1) == null ? mainTable : aliases.get(id.group(1).toLowerCase(Locale.ROOT));
      if (table != null && tenantTables.contains(table)) {
        return java.util.Optional.of(new Violation(file, line, table, statement));
      }
    }
    return java.util.Optional.empty();
  }

  private static String text(Matcher literal) {
    return literal.group(1) != null ? literal.group(1) : literal.group(2);
  }
}
