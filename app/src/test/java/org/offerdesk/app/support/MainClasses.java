package org.offerdesk.app.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * OfferDesk's main classes (no tests) as ArchUnit sees them, imported once per test JVM for every
 * architecture test: an import reads each class file and the library classes they use, several CPU-seconds
 * that each test class would otherwise pay again.
 */
public final class MainClasses {

  /** Every class of {@code org.offerdesk.app} under {@code src/main}. */
  public static final JavaClasses APP = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.offerdesk.app");

  private MainClasses() {}
}
