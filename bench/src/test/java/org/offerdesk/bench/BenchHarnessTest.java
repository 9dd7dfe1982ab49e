package org.offerdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.bench.scenarios.SandboxScenario;

/**
 * Keeps the benchmark harness from rotting: the smallest scenario, once, with tiny settings, must produce a
 * well-formed report. Nothing here looks at how fast anything was.
 */
class BenchHarnessTest {

  @Test
  void the_smallest_scenario_produces_a_well_formed_report(@TempDir Path results) throws Exception {
    Report report = Bench.run(Settings.tiny(), Path.of(".."), "test", List.of(new SandboxScenario()));
    Path md = report.write(results);

    assertThat(report.failures()).isEmpty();
    assertThat(report.figures()).isNotEmpty().allSatisfy(f -> {
      assertThat(f.scenario()).isEqualTo("P6");
      assertThat(f.value().min()).isLessThanOrEqualTo(f.value().median());
      assertThat(f.value().median()).isLessThanOrEqualTo(f.value().max());
      assertThat(f.value().repeats()).isEqualTo(1);
    });
    assertThat(report.figures()).anySatisfy(f -> assertThat(f.baseline()).isNotNull());
    assertThat(Files.readString(md)).contains("| P6 | DescribeEntity req/s at 4 threads |").contains("PostgreSQL 17");
    JsonNode json = new ObjectMapper().readTree(results.resolve(md.getFileName().toString().replace(".md", ".json"))
        .toFile());
    assertThat(json.at("/machine/cores").asInt()).isPositive();
    assertThat(json.at("/figures")).hasSize(report.figures().size());
    assertThat(json.at("/figures/0/value/median").isNumber()).isTrue();
    assertThat(json.at("/figures/0/ratio").isNumber()).isTrue();
  }
}
