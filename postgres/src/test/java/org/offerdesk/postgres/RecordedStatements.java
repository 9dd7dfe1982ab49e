package org.offerdesk.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;

/** A data source that records the SQL of every statement prepared through it: for tests that count statements. */
public final class RecordedStatements {

  private RecordedStatements() {}

  /** {@code real}, adding to {@code statements} the SQL of each statement a connection of it prepares. */
  public static DataSource recording(DataSource real, List<String> statements) {
    ClassLoader loader = RecordedStatements.class.getClassLoader();
    return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(method, real, args);
          if (result instanceof Connection c) {
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
              if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                statements.add(sql);
              }
              return invoke(m, c, a);
            });
          }
          return result;
        });
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
