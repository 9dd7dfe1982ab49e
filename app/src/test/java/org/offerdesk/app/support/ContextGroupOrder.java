package org.offerdesk.app.support;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs test classes that share a Spring application context one after the other: first the classes
 * without Spring, then one group per context configuration (the key Spring caches contexts by), groups
 * and classes in name order. With the test context cache holding only the context in use
 * ({@code spring.test.context.cache.maxSize} in {@code spring.properties}), each context is started once
 * and closed as soon as its last class has run, so finished contexts do not keep polling their
 * database, job queue and embedded sandbox while later tests run. Set in
 * {@code junit-platform.properties}.
 */
public class ContextGroupOrder implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    List<? extends ClassDescriptor> classes = context.getClassDescriptors();
    classes.sort(Comparator.comparing(c -> c.getTestClass().getName()));
    Map<Object, Integer> groups = new HashMap<>();
    Map<Class<?>, Integer> groupOf = new HashMap<>();
    for (ClassDescriptor descriptor : classes) {
      Object key = contextKey(descriptor.getTestClass());
      groupOf.put(descriptor.getTestClass(), key == null ? -1 : groups.computeIfAbsent(key, k -> groups.size()));
    }
    // A stable sort keeps name order inside each group.
    classes.sort(Comparator.comparing(c -> groupOf.get(c.getTestClass())));
  }

  /** What Spring's context cache keys this class's context by; {@code null} for a class without one. */
  private static MergedContextConfiguration contextKey(Class<?> testClass) {
    if (!AnnotatedElementUtils.hasAnnotation(testClass, SpringBootTest.class)) {
      return null;
    }
    return BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
  }
}
