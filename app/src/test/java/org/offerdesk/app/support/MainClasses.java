package org.offerdesk.app.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.lang.reflect.Field;
import org.offerdesk.app.OfferDeskApplication;
import org.springframework.modulith.core.ApplicationModules;

/**
 * OfferDesk's main classes (no tests) as ArchUnit sees them, imported once per test JVM for every
 * architecture test: an import reads each class file and the library classes they use, several CPU-seconds
 * that each test class would otherwise pay again. Spring Modulith's module model is built on such an import,
 * and it is the same one: Modulith imports the application's packages without tests too, so the two share it.
 */
public final class MainClasses {

  /** The modules of {@code org.offerdesk.app}, as Spring Modulith reads them. */
  public static final ApplicationModules MODULES = ApplicationModules.of(OfferDeskApplication.class);

  /** Every class of {@code org.offerdesk.app} under {@code src/main}: the classes {@link #MODULES} was built from. */
  public static final JavaClasses APP = classesOf(MODULES);

  private MainClasses() {}

  /**
   * The classes Modulith imported ({@code ImportOption.DoNotIncludeTests}, the application's base package), which it
   * keeps in a private field: read there rather than imported a second time (about 4 CPU-s a JVM on this machine).
   */
  private static JavaClasses classesOf(ApplicationModules modules) {
    try {
      Field field = ApplicationModules.class.getDeclaredField("allClasses");
      field.setAccessible(true);
      return (JavaClasses) field.get(modules);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spring Modulith no longer keeps its import in ApplicationModules.allClasses: "
          + "import the main classes here with new ClassFileImporter() instead", e);
    }
  }
}
