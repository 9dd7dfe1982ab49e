package org.offerdesk.app.identity.internal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.security.authorization.method.AuthorizeReturnObject;

/**
 * Method security is {@code @PreAuthorize} alone: the advisors of the other method-security annotations are not
 * registered (each was matched against every bean's methods at every start), so none of those annotations may be
 * used, as it would be ignored. {@code @PreAuthorize} still guards the controllers ({@code ApiTokensTest} and the
 * modules' tests check its answers).
 */
@OfferDeskTest
class MethodSecurityAdvisorsTest {

  private static final List<Class<? extends Annotation>> IGNORED =
      List.of(PreFilter.class, PostAuthorize.class, PostFilter.class, AuthorizeReturnObject.class);

  @Autowired ConfigurableApplicationContext context;

  @Test
  void only_pre_authorize_has_an_advisor() {
    for (String unused : SecurityConfiguration.UNUSED_METHOD_SECURITY) {
      assertThat(context.containsBeanDefinition(unused + "Advisor")).as(unused).isFalse();
      assertThat(context.containsBeanDefinition(unused + "MethodInterceptor")).as(unused).isFalse();
    }
    assertThat(context.containsBeanDefinition("preAuthorizeAuthorizationAdvisor")).isTrue();
    // A controller with @PreAuthorize methods is still proxied for them.
    assertThat(AopUtils.isAopProxy(context.getBean(IdentityApi.class))).isTrue();
  }

  @Test
  void no_class_uses_an_annotation_that_would_be_ignored() {
    for (Class<? extends Annotation> annotation : IGNORED) {
      noMethods().should().beMetaAnnotatedWith(annotation)
          .because("OfferDesk registers only @PreAuthorize's advisor (SecurityConfiguration.preAuthorizeOnly)")
          .check(MainClasses.APP);
      noClasses().should().beMetaAnnotatedWith(annotation)
          .because("OfferDesk registers only @PreAuthorize's advisor (SecurityConfiguration.preAuthorizeOnly)")
          .check(MainClasses.APP);
    }
  }
}
