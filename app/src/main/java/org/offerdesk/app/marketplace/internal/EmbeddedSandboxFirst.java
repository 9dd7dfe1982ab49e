package org.offerdesk.app.marketplace.internal;

import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Has the {@link EmbeddedSandbox} made right after the database is up, before the platform's data source, so
 * that the sandbox's context starts on its own thread while nearly all of the platform's is still to be built
 * (made in the order of the packages, it came after most of them, and so did its start).
 */
@Component
@ConditionalOnProperty(name = "offerdesk.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedSandboxFirst implements BeanFactoryPostProcessor {

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
    String[] sandbox = beans.getBeanNamesForType(EmbeddedSandbox.class, true, false);
    if (sandbox.length != 1) {
      return;
    }
    for (String name : beans.getBeanNamesForType(DataSource.class, true, false)) {
      BeanDefinition dataSource = beans.getBeanDefinition(name);
      String[] before = dataSource.getDependsOn() == null ? new String[0] : dataSource.getDependsOn();
      if (!Arrays.asList(before).contains(sandbox[0])) {
        dataSource.setDependsOn(Stream.concat(Arrays.stream(before), Stream.of(sandbox[0])).toArray(String[]::new));
      }
    }
  }
}
