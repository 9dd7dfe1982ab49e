package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.MainClasses;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each capability is a module: others may use only its root package (its public surface), never its
 * {@code internal} package, and modules form no cycles.
 */
class ModuleStructureTest {

  static final ApplicationModules modules = MainClasses.MODULES;

  @Test
  void capabilities_reach_each_other_only_through_their_public_surface() {
    modules.verify();
  }

  /**
   * Writes the module map (a PlantUML diagram and a canvas per module) and checks it against ARCHITECTURE.md:
   * a module added without a row there, a row for a module that is gone, a renamed module or a call to a
   * module its row does not name fails here.
   */
  @Test
  void writes_the_module_map_and_architecture_md_documents_every_module_and_what_it_calls() throws IOException {
    Path out = Path.of("target", "module-map");
    new Documenter(modules, out.toString()).writeModuleCanvases().writeModulesAsPlantUml();

    String diagram = Files.readString(out.resolve("components.puml"));
    Map<String, Row> documented = documentedModules();
    assertThat(modules.stream().map(ApplicationModule::getName))
        .containsExactlyInAnyOrderElementsOf(documented.keySet());
    for (ApplicationModule module : modules) {
      Row row = documented.get(module.getName());
      assertThat(row.name()).as("name of %s in ARCHITECTURE.md", module.getName()).isEqualTo(module.getDisplayName());
      assertThat(out.resolve("module-" + module.getName() + ".adoc")).exists();
      Set<String> calls = module.getDirectDependencies(modules).uniqueModules().map(ApplicationModule::getName)
          .collect(Collectors.toCollection(TreeSet::new));
      if (!calls.isEmpty()) { // the diagram leaves out a module that neither calls nor is called (finance today)
        assertThat(diagram).contains(module.getDisplayName());
      }
      assertThat(row.mayCall()).as("modules %s may call, per ARCHITECTURE.md", module.getName()).containsAll(calls);
    }
  }

  record Row(String name, Set<String> mayCall) {}

  /** The rows of ARCHITECTURE.md's module table: | `package` | Name | owns | `calls`, ... |. */
  static Map<String, Row> documentedModules() throws IOException {
    Pattern row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\| [^|]+ \\| ([^|]*) \\|$");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("..", "ARCHITECTURE.md"))) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        Set<String> calls = Arrays.stream(m.group(3).split(",")).map(c -> c.strip().replace("`", ""))
            .filter(c -> c.matches("\\w+")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows.put(m.group(1), new Row(m.group(2).strip(), calls))).as("rows for " + m.group(1)).isNull();
      }
    }
    return rows;
  }
}
