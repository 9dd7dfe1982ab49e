package org.offerdesk.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * Two Spring starts in one JVM: the second uses the class metadata the first read instead of reading it again
 * ({@code org.offerdesk.postgres.SharedClassMetadata}, from the postgres test jar).
 */
class SharedClassMetadataTest {

  /** A configuration class a start reads with ASM (nested in the auto-configuration the application imports). */
  private static final String NESTED_CONFIGURATION =
      "org/springframework/boot/autoconfigure/jackson/JacksonAutoConfiguration$JacksonObjectMapperBuilderConfiguration.class";

  @Test
  void a_second_start_reuses_what_the_first_read_and_gets_the_same_beans() {
    List<MetadataReader> read = new ArrayList<>();
    for (int start = 0; start < 2; start++) {
      try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Tiny.class)
          .web(WebApplicationType.NONE)
          .initializers(starting -> starting.addBeanFactoryPostProcessor(beanFactory -> read.add(
              ((GenericApplicationContext) starting).getResourceCache(MetadataReader.class)
                  .get(new ClassPathResource(NESTED_CONFIGURATION, starting.getClassLoader())))))
          .run("--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
        assertThat(context.getBeansOfType(ObjectMapper.class)).hasSize(1);
      }
    }
    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isNotNull();
    assertThat(read.get(1)).isSameAs(read.get(0));
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(JacksonAutoConfiguration.class)
  static class Tiny {}
}
