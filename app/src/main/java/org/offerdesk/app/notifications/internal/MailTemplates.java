package org.offerdesk.app.notifications.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The email templates on the classpath, and their rendering. A template {@code x} is four files under
 * {@code templates/mail/}: {@code x.subject.txt} (one line), {@code x.txt} (the plain-text part),
 * {@code x.html} (the HTML part) and {@code x.sample.json} (a model the preview page renders it with).
 * Files whose names start with {@code _} are shared fragments, not templates. A template missing one of
 * its files stops the application from starting, so a capability cannot ship one half-made.
 *
 * <p>The engine is OfferDesk's own, not the console's: the text parts render in Thymeleaf's TEXT mode
 * (write {@code [(${value})]}), the HTML part in HTML mode with the usual escaping, and templates see
 * only their model, no beans.
 */
@Component
class MailTemplates {

  static final String FOLDER = "templates/mail/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  /** "New order: New order …": a subject whose template's prefix the inserted title already starts with. */
  private static final Pattern REPEATED_PREFIX =
      Pattern.compile("^([^:]{2,80}):\\s+(?=\\1\\b)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A template rendered with its sample model, or why it did not render. */
  record Preview(String name, Map<String, Object> sample, RenderedEmail rendered, String error) {}

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final Map<String, Map<String, Object>> samples;

  MailTemplates(ObjectMapper mapper) throws IOException {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(getClass().getClassLoader());
    resolver.setPrefix("templates/");
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.getHtmlTemplateModePatternSpec().addPattern("*.html");
    resolver.getTextTemplateModePatternSpec().addPattern("*.txt");
    engine.setTemplateResolver(resolver);
    // SpEL compiled once it has run (MIXED mode), as the console's engine does: each new order emails the team,
    // and interpreting the templates' expressions was a fifth of rendering them in P2's profile.
    engine.setEnableSpringELCompiler(true);
    this.samples = discover(mapper);
  }

  /** Every template's name, sorted. */
  List<String> names() {
    return List.copyOf(samples.keySet());
  }

  boolean exists(String name) {
    return name != null && samples.containsKey(name);
  }

  /**
   * Renders a template with a model.
   *
   * @throws IllegalArgumentException when there is no such template or it does not render with the model
   */
  RenderedEmail render(String name, Map<String, Object> model) {
    if (!exists(name)) {
      throw new IllegalArgumentException("No email template '" + name + "' (expected " + FOLDER + name
          + ".html, .txt, .subject.txt and .sample.json)");
    }
    Context context = new Context(Locale.ENGLISH, model);
    try {
      String subject = withoutRepeatedPrefix(
          engine.process("mail/" + name + ".subject.txt", context).strip().replaceAll("\\s+", " "));
      if (subject.isEmpty()) {
        throw new IllegalArgumentException("its subject is empty");
      }
      String text = engine.process("mail/" + name + ".txt", context).strip() + "\n";
      String html = engine.process("mail/" + name + ".html", context);
      return new RenderedEmail(subject, html, text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Email template '" + name + "' does not render: " + rootMessage(e), e);
    }
  }

  /**
   * Renders a template with its sample model and forgets the result: the first render after a start parses the
   * template and runs the engine's code for the first time (about 0.4 CPU s on the rendering thread, measured in a
   * test JVM; then about 10 ms), so work that will email from a critical path can pay that beforehand, elsewhere.
   * A template that does not render is left for {@link #render} to report.
   */
  void warm(String name) {
    if (!exists(name)) {
      return;
    }
    try {
      render(name, samples.get(name));
    } catch (IllegalArgumentException e) {
      // reported when it is rendered for an email
    }
  }

  /**
   * A subject whose prefix is repeated at once ("New order: New order: X") keeps the second: team notices
   * put their own title after their type's prefix, and a title that begins with that prefix must not read
   * twice.
   */
  static String withoutRepeatedPrefix(String subject) {
    java.util.regex.Matcher m = REPEATED_PREFIX.matcher(subject);
    return m.find() ? subject.substring(m.end()) : subject;
  }

  /** Every template rendered with its sample model, for the preview page. */
  List<Preview> previews() {
    List<Preview> previews = new ArrayList<>();
    samples.forEach((name, sample) -> {
      try {
        previews.add(new Preview(name, sample, render(name, sample), null));
      } catch (IllegalArgumentException e) {
        previews.add(new Preview(name, sample, null, e.getMessage()));
      }
    });
    return previews;
  }

  private Map<String, Map<String, Object>> discover(ObjectMapper mapper) throws IOException {
    PathMatchingResourcePatternResolver files = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
    Map<String, Map<String, Object>> found = new TreeMap<>();
    for (Resource html : files.getResources("classpath*:" + FOLDER + "*.html")) {
      String file = html.getFilename();
      if (file == null || file.startsWith("_")) {
        continue;
      }
      String name = file.substring(0, file.length() - ".html".length());
      if (!NAME.matcher(name).matches()) {
        throw new IllegalStateException("Email template name '" + name + "' must be lower-case words and dashes");
      }
      for (String part : List.of(".txt", ".subject.txt", ".sample.json")) {
        if (!files.getResource("classpath:" + FOLDER + name + part).exists()) {
          throw new IllegalStateException("Email template '" + name + "' lacks " + FOLDER + name + part);
        }
      }
      try (InputStream sample = files.getResource("classpath:" + FOLDER + name + ".sample.json").getInputStream()) {
        found.put(name, mapper.readValue(sample, new TypeReference<Map<String, Object>>() {}));
      }
    }
    return found;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
