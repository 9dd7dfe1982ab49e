package org.offerdesk.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.javapoet.ClassName;

/**
 * Makes the embedded sandbox's bean definitions ahead of time, for the build of a process that embeds it
 * ({@link SandboxServer}): OfferDesk's build runs it on OfferDesk's class path once Spring Boot's {@code process-aot}
 * has made OfferDesk's own. Spring names the classes it generates for an auto-configuration after that
 * auto-configuration ({@code ErrorMvcAutoConfiguration__BeanDefinitions}), the same for both contexts although their
 * contents differ, so the sandbox's are named apart ({@code ErrorMvcAutoConfiguration__SandboxBeanDefinitions}).
 * They are compiled here, beside the embedding application's classes. {@link SandboxServer} uses them when the
 * process starts from ahead-of-time bean definitions ({@code spring.aot.enabled}).
 *
 * <p>Arguments: the folders for the generated sources, resources and classes, then the folder of compiled classes
 * they go to.
 */
public final class EmbeddedSandboxAot extends SpringApplicationAotProcessor {

  /** The initializer of the embedded sandbox's context that this processing makes. */
  public static final String INITIALIZER =
      SandboxApplication.class.getName() + "__SandboxApplicationContextInitializer";

  private EmbeddedSandboxAot(Settings settings) {
    super(SandboxApplication.class, settings, new String[] {"--offerdesk.sandbox.embedded=true"});
  }

  @Override
  protected ClassNameGenerator createClassNameGenerator() {
    return new ClassNameGenerator(ClassName.get(getApplicationClass()), "Sandbox");
  }

  public static void main(String[] args) throws IOException {
    Path sources = Path.of(args[0]);
    Path resources = Path.of(args[1]);
    Path classes = Path.of(args[2]);
    Path output = Path.of(args[3]);
    ClassName initializer = new EmbeddedSandboxAot(Settings.builder().sourceOutput(sources).resourceOutput(resources)
        .classOutput(classes).groupId("org.offerdesk").artifactId("offerdesk-sandbox").build()).process();
    if (!initializer.reflectionName().equals(INITIALIZER)) {
      throw new IllegalStateException("Spring named the sandbox's initializer " + initializer + ", not " + INITIALIZER);
    }
    compile(sources, output);
    copy(classes, output);
    copy(resources, output);
  }

  private static void compile(Path sources, Path output) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("The sandbox's ahead-of-time classes need a JDK's compiler; this is a JRE");
    }
    List<File> files;
    try (Stream<Path> all = Files.walk(sources)) {
      files = all.filter(path -> path.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-d", output.toString(), "-classpath", System.getProperty("java.class.path"),
          "-proc:none", "--release", "17", "-nowarn");
      if (!javac.getTask(null, manager, null, options, null, manager.getJavaFileObjectsFromFiles(files)).call()) {
        throw new IllegalStateException("The sandbox's ahead-of-time sources in " + sources + " did not compile");
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> all = Files.walk(from)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
