package org.offerdesk.app.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads sent together reach PostgreSQL as one statement text, executed once (one round trip), and each gives
 * its own value, with its own arguments, as it would alone.
 */
@OfferDeskTest
class SqlReadsTest {

  @Autowired DataSource dataSource;

  /** What the JDBC driver was asked to prepare and execute, through a data source that records it. */
  final List<String> prepared = new ArrayList<>();
  int executions;

  SqlReads recorded() {
    DataSource recording = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, forward(dataSource, (method, args, result) -> {
          if (method.equals("getConnection")) {
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                forward(result, (m, a, statement) -> {
                  if (m.equals("prepareStatement")) {
                    prepared.add((String) a[0]);
                    return Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {java.sql.PreparedStatement.class}, forward(statement, (e, x, r) -> {
                          if (e.startsWith("execute")) {
                            executions++;
                          }
                          return r;
                        }));
                  }
                  return statement;
                }));
          }
          return result;
        }));
    return new SqlReads(new JdbcTemplate(recording));
  }

  interface After {
    Object apply(String method, Object[] args, Object result) throws Exception;
  }

  static InvocationHandler forward(Object target, After after) {
    return (proxy, method, args) -> {
      try {
        return after.apply(method.getName(), args, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }

  @Test
  void a_batch_is_one_statement_text_executed_once_and_each_read_gets_its_own_value() {
    SqlReads reads = recorded();
    SqlReads.Batch batch = reads.batch();
    Supplier<Long> three = batch.add(SqlReads.Read.of("SELECT count(*) FROM generate_series(1, ?)",
        SqlReads.Read.count(), 3));
    Supplier<List<String>> words = batch.add(SqlReads.Read.named(
        "SELECT w FROM unnest(CAST(:words AS text[])) AS w WHERE w <> :not ORDER BY w",
        SqlReads.Read.params("words", "{b,a,c}", "not", "c", "unused", null),
        SqlReads.Read.rows((rs, n) -> rs.getString(1))));
    UUID id = UUID.randomUUID();
    Supplier<String> same = batch.add(SqlReads.Read.of("SELECT CAST(? AS text) || ':' || ?",
        SqlReads.Read.single((rs, n) -> rs.getString(1)), id, 7));

    batch.run();

    assertThat(three.get()).isEqualTo(3);
    assertThat(words.get()).containsExactly("a", "b");
    assertThat(same.get()).isEqualTo(id + ":7");
    assertThat(prepared).hasSize(1);
    assertThat(prepared.get(0)).contains("generate_series").contains("unnest").contains("|| ':' ||");
    assertThat(executions).isEqualTo(1);
  }

  @Test
  void one_read_alone_gives_the_same_value() {
    SqlReads reads = recorded();
    assertThat(reads.one(SqlReads.Read.of("SELECT count(*) FROM generate_series(1, ?)", SqlReads.Read.count(), 4)))
        .isEqualTo(4);
    assertThat(executions).isEqualTo(1);
  }

  @Test
  void a_read_is_one_statement_and_a_value_is_given_only_once_its_batch_has_run() {
    assertThatThrownBy(() -> SqlReads.Read.of("SELECT 1; SELECT 2", SqlReads.Read.count()))
        .isInstanceOf(IllegalArgumentException.class);
    SqlReads.Batch batch = recorded().batch();
    Supplier<Long> one = batch.add(SqlReads.Read.of("SELECT 1", SqlReads.Read.count()));
    assertThatThrownBy(one::get).isInstanceOf(IllegalStateException.class);
    batch.run();
    assertThat(one.get()).isEqualTo(1);
    assertThatThrownBy(() -> batch.add(SqlReads.Read.of("SELECT 2", SqlReads.Read.count())))
        .isInstanceOf(IllegalStateException.class);
  }
}
