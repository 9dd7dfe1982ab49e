package org.offerdesk.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Lets every Spring start in a test JVM reuse the class metadata the starts before it read. Each start reads
 * with ASM the class files of its component scan (the platform's classes and its tests') and of its configuration
 * and auto-configuration classes, about a tenth of a later start's CPU; the class files do not change while the
 * JVM runs, so what one start read stays right for the next. Registered for every {@code SpringApplication} of the
 * test JVMs (the platform's test contexts, their embedded sandboxes, the setup command's, the sandbox's own tests'
 * servers) in this test jar's {@code META-INF/spring.factories}, on the test class path of every module that tests
 * with {@link TestPostgres}; what the contexts contain is unchanged, and the applications themselves read their
 * classes once, as before.
 *
 * <p>Both readers of a start share the context's own resource cache (Spring's component scan uses it; Spring
 * Boot's configuration-class reader, {@code internalCachingMetadataReaderFactory}, is registered here on the
 * same cache before Spring Boot registers its own). The cache starts with what the JVM read before and gives
 * back what it added once the bean definitions are read.
 */
public class SharedClassMetadata implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

  /** Spring Boot's name for the reader of configuration classes (SharedMetadataReaderFactoryContextInitializer). */
  private static final String READER_BEAN = "org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory";

  private static final Map<Resource, MetadataReader> READ = new ConcurrentHashMap<>();

  /** Before Spring Boot's initializer, so that its post-processor finds the reader already registered. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (context instanceof GenericApplicationContext generic
        && context.getClassLoader() == SharedClassMetadata.class.getClassLoader()) {
      Map<Resource, MetadataReader> cache = generic.getResourceCache(MetadataReader.class);
      cache.putAll(READ);
      context.addBeanFactoryPostProcessor(new SharedReader(generic, cache));
    }
  }

  private record SharedReader(GenericApplicationContext context, Map<Resource, MetadataReader> cache)
      implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      if (!registry.containsBeanDefinition(READER_BEAN)) {
        registry.registerBeanDefinition(READER_BEAN, new RootBeanDefinition(MetadataReaderFactory.class,
            () -> new CachingMetadataReaderFactory(context)));
      }
    }

    /** Called once every bean definition is read (the scan and the configuration classes included). */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
      READ.putAll(cache);
    }
  }
}
