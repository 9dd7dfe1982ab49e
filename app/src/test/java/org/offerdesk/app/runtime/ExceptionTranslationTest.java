package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.annotation.PersistenceExceptionTranslationPostProcessor;
import org.springframework.dao.support.PersistenceExceptionTranslationInterceptor;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.stereotype.Repository;

/**
 * {@code @Repository} classes are not proxied to translate exceptions ({@code spring.dao.exceptiontranslation.enabled
 * =false}): there is no {@link PersistenceExceptionTranslator} to translate with, so the proxies, made at every
 * start, passed every exception through unchanged. If a translator ever appears (JPA, say), this fails: turn the
 * translation back on.
 */
@OfferDeskTest
class ExceptionTranslationTest {

  @Autowired ApplicationContext context;

  @Test
  void nothing_would_translate() {
    assertThat(context.getBeanNamesForType(PersistenceExceptionTranslator.class, true, false)).isEmpty();
  }

  @Test
  void repositories_are_not_proxied_for_it() {
    assertThat(context.getBeanNamesForType(PersistenceExceptionTranslationPostProcessor.class, true, false)).isEmpty();
    assertThat(context.getBeansWithAnnotation(Repository.class).values())
        .filteredOn(bean -> bean.getClass().getName().startsWith("org.offerdesk.app."))
        .isNotEmpty()
        .noneMatch(bean -> bean instanceof Advised advised && Arrays.stream(advised.getAdvisors())
            .anyMatch(advisor -> advisor.getAdvice() instanceof PersistenceExceptionTranslationInterceptor));
  }
}
