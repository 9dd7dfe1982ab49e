package org.offerdesk.app.support;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * When a test class is done, disconnects from the marketplace the organizations it connected, so that the
 * classes after it on the same shared context do not pay for them. A connected organization costs its
 * context work for as long as it runs: its event queue is read every poll interval and its recurring work
 * (order, offer, renewal and authorization sweeps, syncs) runs every few seconds. Kept, the tenants of
 * the 30-odd classes of a shared context were read a few hundred times a second by the end of the lane,
 * most of the CPU the later classes had. The connections there before the class (the demo organizations')
 * stay; the organizations themselves and all their rows stay too, as no other class looks at them.
 */
public class DisconnectAfterClass implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DisconnectAfterClass.class);

  private record Before(ApplicationContext context, List<UUID> connected) {}

  @Override
  public void beforeAll(ExtensionContext extension) {
    ApplicationContext context = SpringExtension.getApplicationContext(extension);
    extension.getStore(NAMESPACE).put(extension.getRequiredTestClass(), new Before(context, connected(context)));
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    Before before = extension.getStore(NAMESPACE).remove(extension.getRequiredTestClass(), Before.class);
    // A context the class closed itself (@DirtiesContext) has nothing left running.
    if (before == null || !(before.context() instanceof ConfigurableApplicationContext context) || !context.isActive()) {
      return;
    }
    List<UUID> added = connected(context).stream().filter(org -> !before.connected().contains(org)).toList();
    if (!added.isEmpty()) {
      context.getBean(JdbcClient.class).sql("DELETE FROM marketplace_connection WHERE organization_id IN (:orgs)")
          .param("orgs", added).update();
    }
  }

  private static List<UUID> connected(ApplicationContext context) {
    return context.getBean(JdbcClient.class).sql("SELECT organization_id FROM marketplace_connection")
        .query(UUID.class).list();
  }
}
