package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import dev.runway.testkit.Specs;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

class RenderBlueprintProperties {

  /**
   * Skipped as a whole when Render's schema is missing: an assumption failing inside a try only
   * rejects that try, and a property whose every try is rejected fails. Under CI the property runs
   * and fails on the missing schema.
   */
  @Property(tries = 150)
  @AddLifecycleHook(NeedsTheSchema.class)
  void writtenBlueprintsReadBackEqualAndValidate(@ForAll("blueprints") RenderBlueprint blueprint) {
    String yaml = blueprint.toYaml();
    assertThat(RenderBlueprint.parse(yaml)).isEqualTo(blueprint);
    assertThat(JsonSchemas.validateYaml(RenderBlueprintTest.SCHEMA, yaml)).isEmpty();
  }

  static final class NeedsTheSchema implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return Specs.skipReason(RenderBlueprintTest.SCHEMA).map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
  }

  @Property(tries = 300)
  void badInputYieldsOnlyRunwayExceptionsWithAnOrigin(@ForAll("mangled") String text) {
    try {
      RenderBlueprint.parse(text);
    } catch (RunwayException.ValidationFailed e) {
      assertThat(e.problems().all()).allSatisfy(p -> assertThat(p.origin()).isPresent());
    } catch (RunwayException e) {
      assertThat(e.origin()).isPresent();
    }
  }

  @Provide
  Arbitrary<String> mangled() {
    String base = RenderBlueprintTest.FULL;
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, base.length());
    Arbitrary<String> junk = Arbitraries.of("", ":", "- ", "[", "{", "\"", "  ", "\t", "plan: 7", "&a", "*b", "!!int x", "\n");
    return Combinators.combine(cut, cut, junk).as((a, b, j) ->
        base.substring(0, Math.min(a, b)) + j + base.substring(Math.max(a, b)));
  }

  @Provide
  Arbitrary<RenderBlueprint> blueprints() {
    return service().list().ofMinSize(0).ofMaxSize(4).map(services -> {
      RenderBlueprint.Builder b = RenderBlueprint.builder();
      for (int i = 0; i < services.size(); i++) {
        b.service(services.get(i).toBuilder().origin(null).build());
      }
      return b.build();
    });
  }

  private Arbitrary<BlueprintService> service() {
    Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(20)
        .filter(s -> s.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && !(c >= 0xD800 && c <= 0xDFFF)
            && c != 0xFEFF && c < 0xFFFE));
    Arbitrary<String> plan = Arbitraries.of("free", "starter", "standard", "pro plus");
    Arbitrary<String> runtime = Arbitraries.of("docker", "python", "node", "go");
    Arbitrary<String> type = Arbitraries.of("web", "worker", "pserv");
    Arbitrary<BlueprintEnvVar> envVar = Arbitraries.oneOf(
        Combinators.combine(key(), text).as((k, v) -> (BlueprintEnvVar) new BlueprintEnvVar.Value(k, v, Optional.empty())),
        key().map(BlueprintEnvVar::unsynced),
        key().map(BlueprintEnvVar::generated),
        Combinators.combine(key(), name).as((k, n) -> BlueprintEnvVar.fromDatabase(k, n, "connectionString")),
        Combinators.combine(key(), name).as((k, n) -> BlueprintEnvVar.fromService(k, "pserv", n, "hostport")),
        name.map(BlueprintEnvVar::fromGroup));
    return Combinators.combine(type, name, runtime, plan, text, text, Arbitraries.integers().between(1, 5).injectNull(0.5),
        envVar.list().ofMaxSize(5))
        .as((t, n, r, p, start, health, instances, vars) -> BlueprintService.builder(t, n).runtime(r).plan(p)
            .startCommand(start).healthCheckPath(health).numInstances(instances).envVars(vars)
            .buildFilter(new BlueprintService.BuildFilter(List.of(start), List.of())).build());
  }

  private Arbitrary<String> key() {
    return Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(10);
  }

  @Property(tries = 50)
  void unknownPlansAreRejectedWithTheirLine(@ForAll @StringLength(min = 1, max = 10) String word) {
    String plan = "x" + word.replaceAll("[^a-z]", "");
    try {
      RenderBlueprint.parse("services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: " + plan + "\n");
      throw new AssertionError("accepted plan " + plan);
    } catch (RunwayException.ValidationFailed e) {
      assertThat(e.problems().all()).singleElement().satisfies(p -> {
        assertThat(p.code()).isEqualTo(Problem.OUT_OF_RANGE);
        assertThat(p.origin().orElseThrow().toString()).isEqualTo("render.yaml:5");
      });
    }
  }
}
